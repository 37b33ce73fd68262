<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackboneBox</name>
    <message>
        <source>Pretrained model</source>
        <translation>预训练模型</translation>
    </message>
    <message>
        <source>Quick: train a new last layer (seconds)</source>
        <translation>快速：只训练新的最后一层（几秒钟）</translation>
    </message>
    <message>
        <source>Fine-tune: also the last blocks (slower)</source>
        <translation>微调：连最后几个块一起训练（较慢）</translation>
    </message>
    <message>
        <source>Quick keeps what the network learned on ImageNet and trains only a new last layer on features computed once (cached for the next run). Fine-tune also adjusts the last blocks at a tenth of the learning rate: slower, sometimes better when your photos look unlike everyday photos.</source>
        <translation>“快速”保留网络在 ImageNet 上学到的知识，只在一次性计算出的特征上训练新的最后一层（特征会缓存，供下次运行使用）。“微调”还会以十分之一的学习率调整最后几个块：更慢，但当你的照片与日常照片差别较大时有时效果更好。</translation>
    </message>
    <message>
        <source>{side} pixels (best)</source>
        <translation>{side} 像素（最佳）</translation>
    </message>
    <message>
        <source>{side} pixels</source>
        <translation>{side} 像素</translation>
    </message>
    <message>
        <source>The side images are resized to. 224 is what the network was trained at; smaller sides are several times faster and a little less accurate.</source>
        <translation>图像缩放到的边长。224 是网络训练时使用的尺寸；更小的边长快好几倍，准确率略低。</translation>
    </message>
    <message>
        <source>Use Photo CNN (from scratch) instead</source>
        <translation>改用照片 CNN（从头训练）</translation>
    </message>
    <message>
        <source>Photo CNN learns from your images alone (from scratch): it needs no download, but more images and more time.</source>
        <translation>照片 CNN 只从你的图像中学习（从头训练）：无需下载，但需要更多图像和更多时间。</translation>
    </message>
    <message>
        <source>Training:</source>
        <translation>训练方式：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>ImageNet weights found on this computer.</source>
        <translation>已在这台电脑上找到 ImageNet 权重。</translation>
    </message>
    <message>
        <source>Downloaded when you press Train. Offline? Copy {name} into {folder}.</source>
        <translation>按“训练”时下载。离线？请把 {name} 复制到 {folder}。</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>还没有数据。</translation>
    </message>
</context>
<context>
    <name>CameraColumn</name>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <source>Which camera to use. Your choice is remembered.</source>
        <translation>使用哪台摄像头。你的选择会被记住。</translation>
    </message>
    <message>
        <source>Looking for cameras…</source>
        <translation>正在查找摄像头…</translation>
    </message>
    <message>
        <source>No cameras could be listed: {reason}</source>
        <translation>无法列出摄像头：{reason}</translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>New class name, e.g. cup</source>
        <translation>新类别名称，例如 cup</translation>
    </message>
    <message>
        <source>Name a class, then press Enter or Add class.</source>
        <translation>输入类别名称，然后按 Enter 或“添加类别”。</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Create a folder for this class (Enter).</source>
        <translation>为这个类别创建文件夹（Enter）。</translation>
    </message>
    <message>
        <source>Select the class you are about to record.</source>
        <translation>选择你要录制的类别。</translation>
    </message>
    <message>
        <source>Delete class…</source>
        <translation>删除类别…</translation>
    </message>
    <message>
        <source>Delete the selected class and all its frames (Del).</source>
        <translation>删除选中的类别及其所有帧（Del）。</translation>
    </message>
    <message>
        <source>{name} — {count} frames</source>
        <translation>{name} — {count} 帧</translation>
    </message>
    <message>
        <source>Delete class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Delete the class “{name}” and its {count} frames from the disk?</source>
        <translation>要从磁盘删除类别“{name}”及其 {count} 帧吗？</translation>
    </message>
</context>
<context>
    <name>ClassifyTab</name>
    <message>
        <source>Could not open the run in {path}: {error}</source>
        <translation>无法打开 {path} 中的运行：{error}</translation>
    </message>
    <message>
        <source>Opened run {name}.</source>
        <translation>已打开运行 {name}。</translation>
    </message>
    <message>
        <source>Open a saved run folder</source>
        <translation>打开已保存的运行文件夹</translation>
    </message>
    <message>
        <source>Could not explain this answer: {reason}</source>
        <translation>无法解释这个答案：{reason}</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Metrics that every compared run logged per epoch</source>
        <translation>所有参与比较的运行在每轮都记录的指标</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>One line per point: run, epoch, metric, value</source>
        <translation>每个点一行：运行、轮次、指标、数值</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>What the curves show and which way is better</source>
        <translation>曲线显示的内容以及哪个方向更好</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the comparison window (Esc)</source>
        <translation>关闭比较窗口 (Esc)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>These runs have no per-epoch metric in common (a run stopped before its first epoch has none).</source>
        <translation>这些运行没有共同的逐轮指标（在第一轮之前就停止的运行没有指标）。</translation>
    </message>
    <message>
        <source>Comparison saved to {path}</source>
        <translation>比较已保存到 {path}</translation>
    </message>
    <message>
        <source>Could not write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <source>Could not save the CSV: {error}</source>
        <translation>无法保存 CSV：{error}</translation>
    </message>
    <message>
        <source>{title} per epoch</source>
        <translation>每轮的{title}</translation>
    </message>
    <message>
        <source>Save the comparison plot</source>
        <translation>保存比较图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save the compared curves</source>
        <translation>保存比较的曲线</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>No evaluation yet.</source>
        <translation>还没有评估。</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>{count} test image(s) of class {true_name} predicted as {predicted} ({verdict}). Click to see them.</source>
        <translation>类别 {true_name} 的 {count} 张测试图像被预测为 {predicted}（{verdict}）。点击查看。</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
</context>
<context>
    <name>CoreLoader</name>
    <message>
        <source>Loading {value}…</source>
        <translation>正在加载 {value}…</translation>
    </message>
    <message>
        <source>Could not load the training engine: {error}</source>
        <translation>无法加载训练引擎：{error}</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <source>No data yet.</source>
        <translation>还没有数据。</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Built-in datasets. Offline ones need no internet.</source>
        <translation>内置数据集。离线的不需要联网。</translation>
    </message>
    <message>
        <source>Open image folder…</source>
        <translation>打开图像文件夹…</translation>
    </message>
    <message>
        <source>A folder with one subfolder per class (optionally train/ and test/ inside).</source>
        <translation>每个类别一个子文件夹的文件夹（里面也可以有 train/ 和 test/）。</translation>
    </message>
    <message>
        <source>Record from camera…</source>
        <translation>用摄像头录制…</translation>
    </message>
    <message>
        <source>Make your own dataset: show things to the camera, a few seconds per class.</source>
        <translation>制作你自己的数据集：把东西拿到摄像头前，每个类别录几秒钟。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Where training reads the pictures from. A folder larger than the memory set aside for data streams from its decoded copy on disk, a few batches at a time.</source>
        <translation>训练从哪里读取图片。超过为数据预留的内存的文件夹，会从磁盘上解码后的副本中分批流式读取。</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>How many images each class has in each split — bars of even height are best: a class with few images is learned less well.</source>
        <translation>每个类别在各个划分中有多少张图像——柱子高度均匀最好：图像少的类别学得较差。</translation>
    </message>
    <message>
        <source>Class balance per split</source>
        <translation>各划分的类别分布</translation>
    </message>
    <message>
        <source>Samples appear here once the dataset is loaded.</source>
        <translation>数据集加载后，样本会显示在这里。</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>使用{name}</translation>
    </message>
    <message>
        <source>Unknown dataset {dataset_id!r}.</source>
        <translation>未知数据集 {dataset_id!r}。</translation>
    </message>
    <message>
        <source>Open an image folder (one subfolder per class)</source>
        <translation>打开图像文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>Loading &lt;b&gt;{label}&lt;/b&gt;…</source>
        <translation>正在加载 &lt;b&gt;{label}&lt;/b&gt;…</translation>
    </message>
    <message>
        <source>Loading {label}…</source>
        <translation>正在加载 {label}…</translation>
    </message>
    <message>
        <source>Decoding images: {done:,} / {total:,}</source>
        <translation>正在解码图像：{done:,} / {total:,}</translation>
    </message>
    <message>
        <source>{name}: {count:,} images ready.</source>
        <translation>{name}：{count:,} 张图像已就绪。</translation>
    </message>
    <message>
        <source>no dataset</source>
        <translation>无数据集</translation>
    </message>
    <message>
        <source>Still using: &lt;b&gt;{current}&lt;/b&gt;</source>
        <translation>仍在使用：&lt;b&gt;{current}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{count:,} images of {size}×{size} pixels, {value}, {count2} classes&lt;br&gt;Split: {train:,} train · {val:,} validation · {test:,} test</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{count:,} 张 {size}×{size} 像素的图像，{value}，{count2} 个类别&lt;br&gt;划分：训练 {train:,} · 验证 {val:,} · 测试 {test:,}</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>val</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>⚠ {count} file(s) could not be read and were skipped.</source>
        <translation>⚠ {count} 个文件无法读取，已跳过。</translation>
    </message>
    <message>
        <source>Skipped files</source>
        <translation>跳过的文件</translation>
    </message>
    <message>
        <source>{count} files could not be read.</source>
        <translation>{count} 个文件无法读取。</translation>
    </message>
</context>
<context>
    <name>DrawCanvas</name>
    <message>
        <source>draw here · Delete clears</source>
        <translation>在此绘画 · Delete 键清除</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <source>Draw a digit</source>
        <translation>画一个数字</translation>
    </message>
    <message>
        <source>Hold the left mouse button and draw a digit, big and centred, like the training images.</source>
        <translation>按住鼠标左键画一个数字，画大一点并居中，像训练图像那样。</translation>
    </message>
    <message>
        <source>Clear drawing</source>
        <translation>清除画布</translation>
    </message>
    <message>
        <source>Wipe the canvas and start again.</source>
        <translation>擦掉画布，重新开始。</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你的画</translation>
    </message>
    <message>
        <source>the model&apos;s gradients could not be computed.</source>
        <translation>无法计算模型的梯度。</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <source>Release to open this folder</source>
        <translation>松开以打开这个文件夹</translation>
    </message>
    <message>
        <source>Release to add the files</source>
        <translation>松开以添加这些文件</translation>
    </message>
    <message>
        <source>Choose images</source>
        <translation>选择图像</translation>
    </message>
    <message>
        <source>Choose an image folder</source>
        <translation>选择图像文件夹</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Click a cell to see its test images.</source>
        <translation>点击一个单元格查看其中的测试图像。</translation>
    </message>
    <message>
        <source>Confusion matrix on the test images</source>
        <translation>测试图像上的混淆矩阵</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: what the model answered. Blue diagonal = right, red = mistakes — the more on the diagonal, the better. Click a cell to see its images.</source>
        <translation>行：真实类别；列：模型的回答。蓝色对角线 = 正确，红色 = 错误——对角线上的越多越好。点击单元格查看其中的图像。</translation>
    </message>
    <message>
        <source>Precision: of the images the model called this class, the share that were. Recall: of the images of this class, the share it found. F1 balances the two.</source>
        <translation>精确率：被模型判为该类的图像中，确实属于该类的比例。召回率：该类的图像中，被模型找出的比例。F1 兼顾两者。</translation>
    </message>
    <message>
        <source>How well the model knows each class, from 0 to 1 (1 = never wrong) — higher is better; a low row is a class it confuses. Hover for what each score means.</source>
        <translation>模型对每个类别的掌握程度，从 0 到 1（1 = 从不出错）——越高越好；分数低的行是它容易混淆的类别。将鼠标悬停可查看各项分数的含义。</translation>
    </message>
    <message>
        <source>Scores per class</source>
        <translation>各类别得分</translation>
    </message>
    <message>
        <source>Each caption: true class / the model&apos;s answer (confidence).</source>
        <translation>每个标题：真实类别 / 模型的回答（置信度）。</translation>
    </message>
    <message>
        <source>Test images the model got wrong: under each, the true class / its answer (how sure it was) — fewer is better; sure mistakes show what it confuses.</source>
        <translation>模型答错的测试图像：每张下方是真实类别 / 它的回答（有多确定）——越少越好；确定却答错的图像能说明它混淆了什么。</translation>
    </message>
    <message>
        <source>Click a cell of the confusion matrix.</source>
        <translation>点击混淆矩阵中的一个单元格。</translation>
    </message>
    <message>
        <source>Click a cell of the confusion matrix to see its images.</source>
        <translation>点击混淆矩阵中的单元格查看其中的图像。</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Selected cell</source>
        <translation>选中的单元格</translation>
    </message>
    <message>
        <source>Evaluating &lt;b&gt;{name}&lt;/b&gt; on its test images… (the model sees each test image once; this takes a few seconds)</source>
        <translation>正在用测试图像评估 &lt;b&gt;{name}&lt;/b&gt;…（模型对每张测试图像看一次；需要几秒钟）</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>此运行</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {accuracy:.1%} of the {total} test images right, {mistakes} mistake(s). The model never saw these images while training.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{total} 张测试图像中 {accuracy:.1%} 正确，{mistakes} 个错误。模型在训练时从未见过这些图像。</translation>
    </message>
    <message>
        <source>Evaluated on {total} test images: {accuracy:.1%} right.</source>
        <translation>已在 {total} 张测试图像上评估：{accuracy:.1%} 正确。</translation>
    </message>
    <message>
        <source>Could not evaluate this run: {message}</source>
        <translation>无法评估此运行：{message}</translation>
    </message>
    <message>
        <source>No evaluation yet.</source>
        <translation>还没有评估。</translation>
    </message>
    <message>
        <source>{count} mistake(s)</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <source>No mistakes on the test images.</source>
        <translation>测试图像上没有错误。</translation>
    </message>
    <message>
        <source>True class &lt;b&gt;{value}&lt;/b&gt;, predicted &lt;b&gt;{value2}&lt;/b&gt;: </source>
        <translation>真实类别 &lt;b&gt;{value}&lt;/b&gt;，预测为 &lt;b&gt;{value2}&lt;/b&gt;：</translation>
    </message>
    <message>
        <source>{count} image(s)</source>
        <translation>{count} 张图像</translation>
    </message>
    <message>
        <source>No test image fell in this cell.</source>
        <translation>没有测试图像落在这个单元格。</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>E&amp;xport model…</source>
        <translation>导出模型(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the model as ONNX with predict.py and a model card, to use elsewhere</source>
        <translation>把模型写成 ONNX，附带 predict.py 和模型卡，以便在别处使用</translation>
    </message>
    <message>
        <source>S&amp;hare run…</source>
        <translation>分享运行(&amp;H)…</translation>
    </message>
    <message>
        <source>Pack the current run into one .kcrun file that anyone can open</source>
        <translation>把当前运行打包成一个任何人都能打开的 .kcrun 文件</translation>
    </message>
    <message>
        <source>Open sh&amp;ared run…</source>
        <translation>打开分享的运行(&amp;A)…</translation>
    </message>
    <message>
        <source>Open a .kcrun file (you can also drop it on the window)</source>
        <translation>打开 .kcrun 文件（也可以把它拖到窗口上）</translation>
    </message>
    <message>
        <source>Export &amp;dataset…</source>
        <translation>导出数据集(&amp;D)…</translation>
    </message>
    <message>
        <source>Write the current dataset as a zip of class folders</source>
        <translation>把当前数据集写成包含各类别文件夹的 zip</translation>
    </message>
    <message>
        <source>Exporting the model…</source>
        <translation>正在导出模型…</translation>
    </message>
    <message>
        <source>Model exported to {path}</source>
        <translation>模型已导出到 {path}</translation>
    </message>
    <message>
        <source>Packing the run…</source>
        <translation>正在打包运行…</translation>
    </message>
    <message>
        <source>Run shared as {path}</source>
        <translation>运行已分享为 {path}</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <source>Opened the shared run {path}</source>
        <translation>已打开分享的运行 {path}</translation>
    </message>
    <message>
        <source>No dataset is loaded yet: choose one on the Data tab.</source>
        <translation>还没有加载数据集：请在“数据”页选择一个。</translation>
    </message>
    <message>
        <source>Writing the dataset…</source>
        <translation>正在写入数据集…</translation>
    </message>
    <message>
        <source>Dataset written to {path}</source>
        <translation>数据集已写入 {path}</translation>
    </message>
    <message>
        <source>Nothing to export yet: train a model or open a saved run.</source>
        <translation>还没有可导出的内容：请训练一个模型或打开已保存的运行。</translation>
    </message>
    <message>
        <source>Share run</source>
        <translation>分享运行</translation>
    </message>
    <message>
        <source>Shared runs (*.kcrun)</source>
        <translation>分享的运行 (*.kcrun)</translation>
    </message>
    <message>
        <source>Open shared run</source>
        <translation>打开分享的运行</translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation>导出数据集</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
</context>
<context>
    <name>ExportModelDialog</name>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>ONNX runs almost anywhere (Python, C++, C#, the web, phones)</source>
        <translation>ONNX 几乎可以在任何地方运行（Python、C++、C#、网页、手机）</translation>
    </message>
    <message>
        <source>The model, predict.py and a model card are written into this folder</source>
        <translation>模型、predict.py 和模型卡会写入这个文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the folder (Alt+B)</source>
        <translation>选择文件夹（Alt+B）</translation>
    </message>
    <message>
        <source>ONNX + predict.py (recommended)</source>
        <translation>ONNX + predict.py（推荐）</translation>
    </message>
    <message>
        <source>TorchScript (PyTorch, LibTorch)</source>
        <translation>TorchScript（PyTorch、LibTorch）</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两者都要</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>文件夹(&amp;O)：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export into…</source>
        <translation>导出到…</translation>
    </message>
</context>
<context>
    <name>ExternalRuns</name>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Starting torchrun on {count} GPUs…</source>
        <translation>正在 {count} 块 GPU 上启动 torchrun…</translation>
    </message>
    <message>
        <source>The torchrun run ended with exit status {code}.</source>
        <translation>torchrun 运行结束，退出状态为 {code}。</translation>
    </message>
</context>
<context>
    <name>FilesPanel</name>
    <message>
        <source>Classify your images</source>
        <translation>分类你的图像</translation>
    </message>
    <message>
        <source>Clear results</source>
        <translation>清除结果</translation>
    </message>
    <message>
        <source>Remove every result below.</source>
        <translation>删除下面的全部结果。</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <source>Classifying {count} image(s)…</source>
        <translation>正在分类 {count} 张图像…</translation>
    </message>
    <message>
        <source>Classified the pasted image</source>
        <translation>已分类粘贴的图像</translation>
    </message>
    <message>
        <source>Classified {good} of {count} image(s)</source>
        <translation>已分类 {good} / {count} 张图像</translation>
    </message>
    <message>
        <source>; {count} could not be read (see the rows for why)</source>
        <translation>；{count} 张无法读取（原因见各行）</translation>
    </message>
    <message>
        <source>; {count} more were ignored (at most {limit} at a time)</source>
        <translation>；另有 {count} 张被忽略（一次最多 {limit} 张）</translation>
    </message>
    <message>
        <source>{message}.</source>
        <translation>{message}。</translation>
    </message>
    <message>
        <source>Could not classify the images: {reason}</source>
        <translation>无法分类这些图像：{reason}</translation>
    </message>
    <message>
        <source>⚠ Not classified: {error}</source>
        <translation>⚠ 未分类：{error}</translation>
    </message>
    <message>
        <source>{count} results, newest first (at most {max_rows})</source>
        <translation>{count} 条结果，最新的在前（最多 {max_rows} 条）</translation>
    </message>
    <message>
        <source>1 result (at most {max_rows})</source>
        <translation>1 条结果（最多 {max_rows} 条）</translation>
    </message>
    <message>
        <source>Results appear here, newest first.</source>
        <translation>结果显示在这里，最新的在前。</translation>
    </message>
</context>
<context>
    <name>FolderFormatRow</name>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Side in pixels the pictures are scaled to. It starts at the files&apos; own size (at most 150); smaller trains faster, larger keeps more detail.</source>
        <translation>图片缩放到的边长（像素）。初始值为文件本身的尺寸（最多 150）；越小训练越快，越大保留的细节越多。</translation>
    </message>
    <message>
        <source>As the files are</source>
        <translation>与文件相同</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>Greyscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Greyscale pictures hold a third of the data of colour ones. As the files are: greyscale when every picture is.</source>
        <translation>灰度图片的数据量是彩色图片的三分之一。“与文件相同”：所有图片都是灰度时按灰度读取。</translation>
    </message>
    <message>
        <source>Read at:</source>
        <translation>读取为：</translation>
    </message>
    <message>
        <source>As the files are (greyscale)</source>
        <translation>与文件相同（灰度）</translation>
    </message>
    <message>
        <source>As the files are (colour)</source>
        <translation>与文件相同（彩色）</translation>
    </message>
</context>
<context>
    <name>GalleryTab</name>
    <message>
        <source>Step back through the epochs to see how the pictures improved. The slider follows the newest epoch unless you move it back.</source>
        <translation>逐轮回看，了解图像是如何变好的。除非你把滑块往回拖，它会跟随最新一轮。</translation>
    </message>
    <message>
        <source>No epochs yet</source>
        <translation>还没有轮次</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Save the grid shown for this epoch as a PNG image (Ctrl+E): the samples, or the reconstructions for an autoencoder.</source>
        <translation>把这一轮显示的网格保存为 PNG 图像（Ctrl+E）：样本，或自编码器的重建图像。</translation>
    </message>
    <message>
        <source>Epoch:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Images decoded from the same random noise after each epoch: watch them turn from blur into digits or shapes.</source>
        <translation>每轮结束后由同一组随机噪声解码出的图像：看它们从模糊变成数字或形状。</translation>
    </message>
    <message>
        <source>Samples from fixed noise</source>
        <translation>固定噪声生成的样本</translation>
    </message>
    <message>
        <source>The model squeezes each real image through its small latent code and rebuilds it.</source>
        <translation>模型把每张真实图像压缩成很短的潜在编码，再重建出来。</translation>
    </message>
    <message>
        <source>top: real images, bottom: reconstructions</source>
        <translation>上：真实图像，下：重建图像</translation>
    </message>
    <message>
        <source>Real images and their reconstructions</source>
        <translation>真实图像及其重建</translation>
    </message>
    <message>
        <source>Interpolate</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>From the left image to the right one through the latent space, in 10 steps.</source>
        <translation>在潜在空间中从左图走到右图，共 10 步。</translation>
    </message>
    <message>
        <source>Walk between two latent points</source>
        <translation>在两个潜在点之间行走</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>Latent traversal (VAE)</source>
        <translation>潜在遍历（VAE）</translation>
    </message>
    <message>
        <source>Nearest training image</source>
        <translation>最近的训练图像</translation>
    </message>
    <message>
        <source>There is no gallery image to save yet.</source>
        <translation>还没有可保存的图库图像。</translation>
    </message>
    <message>
        <source>Could not save the image: the folder {parent} does not exist.</source>
        <translation>无法保存图像：文件夹 {parent} 不存在。</translation>
    </message>
    <message>
        <source>Could not save the image to {target}: {error}</source>
        <translation>无法把图像保存到 {target}：{error}</translation>
    </message>
    <message>
        <source>Gallery image saved to {target}</source>
        <translation>图库图像已保存到 {target}</translation>
    </message>
    <message>
        <source>There is no gallery image to save yet: train a generative model first.</source>
        <translation>还没有可保存的图库图像：请先训练一个生成模型。</translation>
    </message>
    <message>
        <source>Interpolation {number}: a new pair of latent points.</source>
        <translation>插值 {number}：一对新的潜在点。</translation>
    </message>
    <message>
        <source>Could not interpolate: {reason}</source>
        <translation>无法插值：{reason}</translation>
    </message>
    <message>
        <source>Save the gallery image</source>
        <translation>保存图库图像</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{model}&lt;/b&gt; on {dataset}</source>
        <translation>&lt;b&gt;{model}&lt;/b&gt;，数据集 {dataset}</translation>
    </message>
    <message>
        <source>Press Interpolate to see a walk between two random points.</source>
        <translation>按“插值”查看两个随机点之间的行走。</translation>
    </message>
    <message>
        <source>No interpolation yet.</source>
        <translation>还没有插值。</translation>
    </message>
    <message>
        <source>The first samples appear after epoch 1.</source>
        <translation>第 1 轮结束后出现第一批样本。</translation>
    </message>
    <message>
        <source>Reconstructions appear after epoch 1.</source>
        <translation>第 1 轮结束后出现重建图像。</translation>
    </message>
    <message>
        <source>Epoch {epoch} of {value}</source>
        <translation>第 {epoch} 轮，共 {value} 轮</translation>
    </message>
    <message>
        <source>No {kind} for epoch {epoch}.</source>
        <translation>第 {epoch} 轮没有 {kind}。</translation>
    </message>
</context>
<context>
    <name>GettingStarted</name>
    <message>
        <source>1 of 5 · Data: the examples</source>
        <translation>第 1 步，共 5 步 · 数据：示例</translation>
    </message>
    <message>
        <source>A model learns from examples. Start with the handwritten digits that come with the app, or open a folder of your own pictures, one subfolder per kind.</source>
        <translation>模型从示例中学习。可以先用应用自带的手写数字，也可以打开你自己的图片文件夹，每一类放在一个子文件夹里。</translation>
    </message>
    <message>
        <source>2 of 5 · Model: the learner</source>
        <translation>第 2 步，共 5 步 · 模型：学习者</translation>
    </message>
    <message>
        <source>Choose what learns: a small network that sorts images into classes, or one that makes new images. The defaults are a good first try.</source>
        <translation>选择由谁来学习：把图像分到各类的小网络，或是生成新图像的网络。默认设置就很适合第一次尝试。</translation>
    </message>
    <message>
        <source>3 of 5 · Train: watch it learn</source>
        <translation>第 3 步，共 5 步 · 训练：看它学习</translation>
    </message>
    <message>
        <source>Press Train (F5). The curves show the model getting better, the log says so in words, and at the end you get a verdict and where to go next.</source>
        <translation>按“训练”（F5）。曲线显示模型在变好，日志用文字说明进展，结束时会给出结论和下一步可以做什么。</translation>
    </message>
    <message>
        <source>4 of 5 · Gallery: the results</source>
        <translation>第 4 步，共 5 步 · 图库：结果</translation>
    </message>
    <message>
        <source>See which images the model gets wrong and why, or the new images a generative model draws.</source>
        <translation>看看模型把哪些图像认错了以及原因，或者看生成模型画出的新图像。</translation>
    </message>
    <message>
        <source>5 of 5 · Classify: try it yourself</source>
        <translation>第 5 步，共 5 步 · 分类：亲自试试</translation>
    </message>
    <message>
        <source>Draw a digit or drop a photo and see the model&apos;s guess. If it does not look like anything it knows, the model says it is not sure.</source>
        <translation>画一个数字或拖入一张照片，看看模型的猜测。如果它看起来不像模型认识的任何东西，模型会说它不确定。</translation>
    </message>
</context>
<context>
    <name>GettingStartedTour</name>
    <message>
        <source>Getting started</source>
        <translation>入门</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>The previous step (Alt+Left)</source>
        <translation>上一步（Alt+左方向键）</translation>
    </message>
    <message>
        <source>Skip the tour</source>
        <translation>跳过导览</translation>
    </message>
    <message>
        <source>Close the tour; Help → Getting started shows it again (Esc)</source>
        <translation>关闭导览；可在“帮助 → 入门”中再次打开（Esc）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Close the tour and begin on the Data tab</source>
        <translation>关闭导览，从“数据”页开始</translation>
    </message>
    <message>
        <source>The next tab (Enter)</source>
        <translation>下一个标签页（Enter）</translation>
    </message>
</context>
<context>
    <name>ImageGrid</name>
    <message>
        <source>image {value} of {count}, {width}×{height} px</source>
        <translation>第 {value} 张，共 {count} 张，{width}×{height} 像素</translation>
    </message>
</context>
<context>
    <name>LatentTraversal</name>
    <message>
        <source>number </source>
        <translation>编号 </translation>
    </message>
    <message>
        <source>Which latent number to move (the others stay fixed).</source>
        <translation>要移动的潜在变量编号（其余保持不变）。</translation>
    </message>
    <message>
        <source>The value of the chosen latent number, from -3 to 3 prior standard deviations.</source>
        <translation>所选潜在变量的取值，从 -3 到 3 个先验标准差。</translation>
    </message>
    <message>
        <source>New base point</source>
        <translation>新的基点</translation>
    </message>
    <message>
        <source>Start from another random latent point (the first is the centre, all zeros).</source>
        <translation>从另一个随机潜在点出发（第一个是中心，全为零）。</translation>
    </message>
    <message>
        <source>The image decoded at the slider&apos;s value.</source>
        <translation>在滑块取值处解码出的图像。</translation>
    </message>
    <message>
        <source>The chosen number swept from -3 (left) to 3 (right).</source>
        <translation>所选变量从 -3（左）扫到 3（右）。</translation>
    </message>
    <message>
        <source>Latent</source>
        <translation>潜在变量</translation>
    </message>
    <message>
        <source>No VAE loaded.</source>
        <translation>尚未加载 VAE。</translation>
    </message>
    <message>
        <source>Latent traversal from random point {value}.</source>
        <translation>从随机点 {value} 出发的潜在遍历。</translation>
    </message>
    <message>
        <source>Could not decode the traversal: {message}</source>
        <translation>无法解码遍历：{message}</translation>
    </message>
</context>
<context>
    <name>LayerTable</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Draws a larger picture from patterns</source>
        <translation>由图案画出更大的图像</translation>
    </message>
    <message>
        <source>Finds patterns in the picture</source>
        <translation>在图像中寻找图案</translation>
    </message>
    <message>
        <source>Reads row by row, remembering</source>
        <translation>逐行读取并记住前面的内容</translation>
    </message>
    <message>
        <source>Weighs everything found so far</source>
        <translation>综合权衡目前找到的一切</translation>
    </message>
    <message>
        <source>Keeps the numbers in a steady range</source>
        <translation>让数值保持在稳定的范围内</translation>
    </message>
    <message>
        <source>Lets strong signals through</source>
        <translation>让强信号通过</translation>
    </message>
    <message>
        <source>Squeezes the numbers into a fixed range</source>
        <translation>把数值压缩到固定范围内</translation>
    </message>
    <message>
        <source>Shrinks the picture, keeping the main signals</source>
        <translation>缩小图像，保留主要信号</translation>
    </message>
    <message>
        <source>Ignores random parts while training, against memorising</source>
        <translation>训练时随机忽略一部分，防止死记硬背</translation>
    </message>
    <message>
        <source>Lays the picture out as one long row</source>
        <translation>把图像展开成一长行</translation>
    </message>
    <message>
        <source>Folds a long row back into a picture</source>
        <translation>把一长行折回成图像</translation>
    </message>
    <message>
        <source>Makes the picture larger</source>
        <translation>把图像放大</translation>
    </message>
    <message>
        <source>Passes its input on unchanged</source>
        <translation>原样传递输入</translation>
    </message>
    <message>
        <source>Prepares the picture as ImageNet was</source>
        <translation>按 ImageNet 的方式准备图像</translation>
    </message>
    <message>
        <source>Total parameters: {total:,} (trainable: {trainable:,})</source>
        <translation>参数总数：{total:,}（可训练：{trainable:,}）</translation>
    </message>
</context>
<context>
    <name>LiveClassifyView</name>
    <message>
        <source>Classify live from the camera</source>
        <translation>用摄像头实时分类</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Freeze the picture and its answer (P).</source>
        <translation>冻结画面及其答案（P）。</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Add the picture shown to the Classify tab&apos;s results (S).</source>
        <translation>把当前画面添加到“分类”页的结果中（S）。</translation>
    </message>
    <message>
        <source>Show where it looks (Grad-CAM)</source>
        <translation>显示它在看哪里（Grad-CAM）</translation>
    </message>
    <message>
        <source>Lay the regions that drove the answer over the picture, in red (G).</source>
        <translation>用红色把决定答案的区域叠加在画面上（G）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;What the model sees&lt;/b&gt;</source>
        <translation>&lt;b&gt;模型看到的画面&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Hold a thing in front of the camera: the bars show the model&apos;s five best guesses for the picture shown, renewed as fast as the model can answer.</source>
        <translation>把一件东西放在摄像头前：条形图显示模型对当前画面的五个最佳猜测，模型能多快回答就多快刷新。</translation>
    </message>
    <message>
        <source>Train a classifier or open a saved classifier run to see its guesses.</source>
        <translation>训练一个分类器或打开已保存的分类器运行，即可看到它的猜测。</translation>
    </message>
    <message>
        <source>Waiting for a picture…</source>
        <translation>正在等待画面…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>This picture could not be classified: {reason}</source>
        <translation>无法分类这个画面：{reason}</translation>
    </message>
    <message>
        <source>{rate:.1f} pictures classified a second</source>
        <translation>每秒分类 {rate:.1f} 个画面</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open image &amp;folder…</source>
        <translation>打开图像文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open saved &amp;run…</source>
        <translation>打开已保存的运行(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Save model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export gallery…</source>
        <translation>导出图库(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行记录(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large text and thick curves for a projector (F11 to leave)</source>
        <translation>全屏、大字体和粗曲线，适合投影仪（按 F11 退出）</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About kc_desktop</source>
        <translation>关于 kc_desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Wait for the dataset to finish loading, then press Train.</source>
        <translation>请等数据集加载完毕，再按“训练”。</translation>
    </message>
    <message>
        <source>Starting {model} on {dataset}…</source>
        <translation>开始在 {dataset} 上训练 {model}…</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <source>Paused: the run waits at the next step. The learning rate can be changed on the Model tab.</source>
        <translation>已暂停：运行在下一步等待。可以在“模型”页修改学习率。</translation>
    </message>
    <message>
        <source>New learning rate {lr:g} will apply when the run resumes.</source>
        <translation>新的学习率 {lr:g} 将在运行继续时生效。</translation>
    </message>
    <message>
        <source>A new {model} is training; this tab uses the model below until it ends.</source>
        <translation>新的 {model} 正在训练；在它结束之前，此页使用下面的模型。</translation>
    </message>
    <message>
        <source>Training on {device}…</source>
        <translation>正在 {device} 上训练…</translation>
    </message>
    <message>
        <source>The run could not be saved: press Save elsewhere… (Train tab).</source>
        <translation>运行无法保存：请按“另存到别处…”（训练页）。</translation>
    </message>
    <message>
        <source>Run {status}: saved in {run_dir}</source>
        <translation>运行{status}：已保存在 {run_dir}</translation>
    </message>
    <message>
        <source>The run could not be reopened for the gallery: {error}</source>
        <translation>无法为图库重新打开运行：{error}</translation>
    </message>
    <message>
        <source>Training failed: {message}</source>
        <translation>训练失败：{message}</translation>
    </message>
    <message>
        <source>Nothing to save yet: train a model or open a saved run.</source>
        <translation>还没有可保存的内容：请训练一个模型或打开已保存的运行。</translation>
    </message>
    <message>
        <source>Copy the run folder into…</source>
        <translation>把运行文件夹复制到…</translation>
    </message>
    <message>
        <source>Could not save the model: {error}</source>
        <translation>无法保存模型：{error}</translation>
    </message>
    <message>
        <source>Model saved to {destination}</source>
        <translation>模型已保存到 {destination}</translation>
    </message>
    <message>
        <source>Could not save the run there either: {error}</source>
        <translation>也无法把运行保存到那里：{error}</translation>
    </message>
    <message>
        <source>Run saved to {destination}</source>
        <translation>运行已保存到 {destination}</translation>
    </message>
    <message>
        <source>The saved run could not be reopened: {error}</source>
        <translation>无法重新打开已保存的运行：{error}</translation>
    </message>
    <message>
        <source>Save the run into…</source>
        <translation>把运行保存到…</translation>
    </message>
    <message>
        <source>Run not saved</source>
        <translation>运行未保存</translation>
    </message>
    <message>
        <source>The last run could not be saved in its folder; it exists only in memory.</source>
        <translation>上一次运行无法保存到它的文件夹；它只存在于内存中。</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>另存到别处…</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About kc_desktop</source>
        <translation>关于 kc_desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;kc_desktop&lt;/b&gt;&lt;br&gt;Train, watch and use neural networks by pointing and clicking.&lt;br&gt;PyTorch · PySide6 · pyqtgraph · MIT licence.</source>
        <translation>&lt;b&gt;kc_desktop&lt;/b&gt;&lt;br&gt;用鼠标点一点，就能训练、观察和使用神经网络。&lt;br&gt;PyTorch · PySide6 · pyqtgraph · MIT 许可证。</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>A model is training. Stop it, save what it has learned, and quit?</source>
        <translation>有模型正在训练。要停止它、保存已学到的内容并退出吗？</translation>
    </message>
    <message>
        <source>Choose a run and press Open (or double-click it).</source>
        <translation>选择一次运行，然后按“打开”（或双击它）。</translation>
    </message>
</context>
<context>
    <name>ModelTab</name>
    <message>
        <source>Images per step. Larger batches are faster per image but use more memory.</source>
        <translation>每步的图像数。批次越大，每张图像越快，但占用更多内存。</translation>
    </message>
    <message>
        <source>Size of each weight update. Too high diverges, too low learns slowly. Can be changed while paused.</source>
        <translation>每次权重更新的步长。太高会发散，太低学得慢。暂停时可以修改。</translation>
    </message>
    <message>
        <source>Adam (adaptive, a safe default)</source>
        <translation>Adam（自适应，稳妥的默认选择）</translation>
    </message>
    <message>
        <source>SGD with momentum (classic)</source>
        <translation>带动量的 SGD（经典）</translation>
    </message>
    <message>
        <source>The rule that turns gradients into weight updates.</source>
        <translation>把梯度变成权重更新的规则。</translation>
    </message>
    <message>
        <source>VAE only: weight of the KL term in the ELBO. 1 is the classic VAE; larger values give smoother, more disentangled latents.</source>
        <translation>仅用于 VAE：ELBO 中 KL 项的权重。1 是经典 VAE；更大的值得到更平滑、更解耦的潜在变量。</translation>
    </message>
    <message>
        <source>Score samples each epoch</source>
        <translation>每轮为样本评分</translation>
    </message>
    <message>
        <source>VAE and DCGAN: after each epoch, measure how close 512 samples are to real images (Fréchet distance and class coverage, plotted on the Gallery tab). The first run on a dataset trains a small classifier for it, a few seconds on digits.</source>
        <translation>VAE 和 DCGAN：每轮结束后，衡量 512 个样本与真实图像有多接近（弗雷歇距离和类别覆盖，绘制在“图库”页）。在一个数据集上的第一次运行会为它训练一个小分类器，数字数据集只需几秒。</translation>
    </message>
    <message>
        <source>Where to train. Auto picks a GPU when there is one.</source>
        <translation>在哪里训练。“自动”会在有 GPU 时选用 GPU。</translation>
    </message>
    <message>
        <source>Same seed and settings give the same results on the CPU.</source>
        <translation>在 CPU 上，相同的种子和设置得到相同的结果。</translation>
    </message>
    <message>
        <source>Apply learning rate now</source>
        <translation>立即应用学习率</translation>
    </message>
    <message>
        <source>While a run is paused: use the new learning rate when it resumes. The change is marked on the curves.</source>
        <translation>运行暂停时：继续后使用新的学习率。曲线上会标出这次修改。</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Learning-rate schedule:</source>
        <translation>学习率调度：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批次大小：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Beta (VAE):</source>
        <translation>Beta（VAE）：</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>质量：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Hyper-parameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Settings the chosen model changed, and why; your other values stay</source>
        <translation>所选模型更改了哪些设置以及原因；你的其他设置保持不变</translation>
    </message>
    <message>
        <source>Passes over the training images. Auto (the default) stops once the validation loss has not improved for a few epochs, keeps the best epoch&apos;s weights and never runs past the time budget. A number trains exactly that many epochs.</source>
        <translation>遍历训练图像的轮数。“自动”（默认）在验证损失连续几轮没有改善时停止，保留最佳一轮的权重，并且不会超出时间预算。填写数字则正好训练那么多轮。</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Augmentation (classifiers)</source>
        <translation>数据增强（分类器）</translation>
    </message>
    <message>
        <source>Flip left-right</source>
        <translation>左右翻转</translation>
    </message>
    <message>
        <source>Shift up to 10%</source>
        <translation>平移至多 10%</translation>
    </message>
    <message>
        <source>Zoom up to 10%</source>
        <translation>缩放至多 10%</translation>
    </message>
    <message>
        <source>Random changes to training images, as in the articles&apos; data generator: more variety, less over-fitting.</source>
        <translation>对训练图像做随机变化，就像文章中的数据生成器：更多样，更少过拟合。</translation>
    </message>
    <message>
        <source>Tick a switch to preview augmented samples.</source>
        <translation>勾选一个开关即可预览增强后的样本。</translation>
    </message>
    <message>
        <source>Show layers</source>
        <translation>显示各层</translation>
    </message>
    <message>
        <source>The table of layers, shapes and parameters</source>
        <translation>各层、形状和参数的表格</translation>
    </message>
    <message>
        <source>Layers and size</source>
        <translation>层与大小</translation>
    </message>
    <message>
        <source>Hide layers</source>
        <translation>隐藏各层</translation>
    </message>
    <message>
        <source>Load a dataset to see the layers for its image size.</source>
        <translation>加载数据集后可查看对应图像尺寸的各层。</translation>
    </message>
    <message>
        <source>{params} parameters ({megabytes} MB of weights), input {c}×{size}×{size}</source>
        <translation>{params} 个参数（权重 {megabytes} MB），输入 {c}×{size}×{size}</translation>
    </message>
    <message>
        <source>How the learning rate moves during the run. One-cycle rises for the first quarter, then falls towards zero: the same epochs reach a better model. The learning rate above is the peak. Constant switches scheduling off.</source>
        <translation>训练过程中学习率如何变化。单周期在前四分之一上升，然后降向零：同样的轮数能得到更好的模型。上面的学习率是峰值。“恒定”即关闭调度。</translation>
    </message>
</context>
<context>
    <name>NearestPanel</name>
    <message>
        <source>Find nearest training images</source>
        <translation>查找最近的训练图像</translation>
    </message>
    <message>
        <source>Left of each pair: a generated sample; right: the training image nearest to it.</source>
        <translation>每对左边：生成的样本；右边：与它最近的训练图像。</translation>
    </message>
    <message>
        <source>Press the button to compare samples with the training set.</source>
        <translation>按下按钮，把样本与训练集比较。</translation>
    </message>
    <message>
        <source>No generative run loaded.</source>
        <translation>尚未加载生成模型的运行。</translation>
    </message>
    <message>
        <source>Searching the training set…</source>
        <translation>正在搜索训练集…</translation>
    </message>
    <message>
        <source>Could not find the nearest training images: {message}</source>
        <translation>无法找到最近的训练图像：{message}</translation>
    </message>
    <message>
        <source>{value}d {d:.2f} · {label}</source>
        <translation>{value}d {d:.2f} · {label}</translation>
    </message>
    <message>
        <source>copy? </source>
        <translation>副本？</translation>
    </message>
    <message>
        <source>Left: sample, right: nearest training image; d = pixel distance. Real images the model never saw lie at a median d {held_out_median:.2f} from the training set; the closest sample here is at d {closest:.2f}.</source>
        <translation>左：样本，右：最近的训练图像；d = 像素距离。模型从未见过的真实图像与训练集的距离中位数为 d {held_out_median:.2f}；这里最近的样本为 d {closest:.2f}。</translation>
    </message>
    <message>
        <source>{copies} of {count} samples look like near-copies.</source>
        <translation>{count} 个样本中有 {copies} 个看起来几乎是复制品。</translation>
    </message>
    <message>
        <source>Nearest training images found: {copies} of {count} samples look like near-copies.</source>
        <translation>已找到最近的训练图像：{count} 个样本中有 {copies} 个看起来像近似副本。</translation>
    </message>
</context>
<context>
    <name>PredictionBars</name>
    <message>
        <source>No predictions.</source>
        <translation>没有预测。</translation>
    </message>
</context>
<context>
    <name>PredictionRow</name>
    <message>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <source>Click to see which pixels drove this answer.</source>
        <translation>点击查看哪些像素决定了这个答案。</translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <source>Sample quality per epoch</source>
        <translation>每轮的样本质量</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>No scores yet.</source>
        <translation>还没有得分。</translation>
    </message>
    <message>
        <source>The score of each epoch appears when the epoch ends.</source>
        <translation>每轮结束时显示该轮的得分。</translation>
    </message>
    <message>
        <source>Quality score of the generated images per epoch (Fréchet distance) — lower is better</source>
        <translation>每轮生成图像的质量分数（Fréchet 距离）——越低越好</translation>
    </message>
    <message>
        <source>; real images score {real}</source>
        <translation>；真实图像的分数为 {real}</translation>
    </message>
    <message>
        <source>Epoch {epoch} has no quality score.</source>
        <translation>第 {epoch} 轮没有质量得分。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt;: quality score &lt;b&gt;{score:.1f}&lt;/b&gt;</source>
        <translation>&lt;b&gt;第 {epoch} 轮&lt;/b&gt;：质量分数 &lt;b&gt;{score:.1f}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Covers &lt;b&gt;{covered}&lt;/b&gt; of {total} classes, evenness {evenness:.2f} (1 = every class equally often)</source>
        <translation>&lt;br&gt;覆盖 {total} 个类别中的 &lt;b&gt;{covered}&lt;/b&gt; 个，均匀度 {evenness:.2f}（1 = 每个类别出现得一样多）</translation>
    </message>
    <message>
        <source> (real held-out images: {frechet_real:.1f})</source>
        <translation>（留出的真实图像：{frechet_real:.1f}）</translation>
    </message>
</context>
<context>
    <name>QuitWhileTraining</name>
    <message>
        <source>Quitting</source>
        <translation>正在退出</translation>
    </message>
    <message>
        <source>Stopping and saving…</source>
        <translation>正在停止并保存…</translation>
    </message>
    <message>
        <source>Stopping and saving…
{step}</source>
        <translation>正在停止并保存…
{step}</translation>
    </message>
</context>
<context>
    <name>RecommendationBar</name>
    <message>
        <source>Use it</source>
        <translation>使用它</translation>
    </message>
    <message>
        <source>Choose the proposed model and mode.</source>
        <translation>选用推荐的模型和方式。</translation>
    </message>
    <message>
        <source>, Fine-tune</source>
        <translation>，微调</translation>
    </message>
    <message>
        <source>, Quick</source>
        <translation>，快速</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recommended: {model}{mode}.&lt;/b&gt; {why}</source>
        <translation>&lt;b&gt;推荐：{model}{mode}。&lt;/b&gt;{why}</translation>
    </message>
</context>
<context>
    <name>RecordingView</name>
    <message>
        <source>Record a dataset from the camera</source>
        <translation>用摄像头录制数据集</translation>
    </message>
    <message>
        <source>● Hold to record (Space)</source>
        <translation>● 按住录制（空格）</translation>
    </message>
    <message>
        <source>Hold down to save {fps} frames a second into the selected class.</source>
        <translation>按住时每秒把 {fps} 帧保存到选中的类别。</translation>
    </message>
    <message>
        <source>The folder name of this dataset, kept in the app&apos;s datasets folder.</source>
        <translation>这个数据集的文件夹名，保存在应用的数据集文件夹中。</translation>
    </message>
    <message>
        <source>Undo last burst</source>
        <translation>撤销最后一段</translation>
    </message>
    <message>
        <source>Delete the frames of the last hold of Record (Ctrl+Z).</source>
        <translation>删除最后一次按住录制的帧（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>The last frames you record appear here.</source>
        <translation>最近录制的帧显示在这里。</translation>
    </message>
    <message>
        <source>Use this dataset</source>
        <translation>使用这个数据集</translation>
    </message>
    <message>
        <source>Close the camera and load the recorded folder in the Data tab.</source>
        <translation>关闭摄像头，并在“数据”页加载录制的文件夹。</translation>
    </message>
    <message>
        <source>Dataset name:</source>
        <translation>数据集名称：</translation>
    </message>
    <message>
        <source>Deleted {name} and its {count} frames.</source>
        <translation>已删除 {name} 及其 {count} 帧。</translation>
    </message>
    <message>
        <source>Add a class and select it before recording.</source>
        <translation>录制前请先添加并选中一个类别。</translation>
    </message>
    <message>
        <source>There is no camera picture to record yet.</source>
        <translation>还没有可录制的摄像头画面。</translation>
    </message>
    <message>
        <source>Recorded {count} frames of {name}.</source>
        <translation>已录制 {name} 的 {count} 帧。</translation>
    </message>
    <message>
        <source>Removed the last {count} frames.</source>
        <translation>已移除最后 {count} 帧。</translation>
    </message>
    <message>
        <source>The frames cannot be saved: {reason}</source>
        <translation>无法保存这些帧：{reason}</translation>
    </message>
    <message>
        <source>The frames recorded so far are kept.</source>
        <translation>已录制的帧会保留。</translation>
    </message>
</context>
<context>
    <name>RunHeader</name>
    <message>
        <source>Open saved run…</source>
        <translation>打开已保存的运行…</translation>
    </message>
    <message>
        <source>Load a model trained earlier from the list of saved runs (Ctrl+Shift+O).</source>
        <translation>从已保存的运行列表中载入以前训练的模型（Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <source>Live camera…</source>
        <translation>实时摄像头…</translation>
    </message>
    <message>
        <source>Show things to the camera and watch the model&apos;s guesses follow them.</source>
        <translation>把东西拿到摄像头前，看模型的猜测随之变化。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No model loaded.&lt;/b&gt; Train a classifier on the Train tab, or open a saved run.</source>
        <translation>&lt;b&gt;尚未加载模型。&lt;/b&gt;请在“训练”页训练一个分类器，或打开已保存的运行。</translation>
    </message>
    <message>
        <source>unknown data</source>
        <translation>未知数据</translation>
    </message>
    <message>
        <source>&lt;b&gt;{model}&lt;/b&gt; trained on &lt;b&gt;{dataset}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{model}&lt;/b&gt;，在 &lt;b&gt;{dataset}&lt;/b&gt; 上训练</translation>
    </message>
    <message>
        <source>test accuracy {accuracy:.1%}</source>
        <translation>测试准确率 {accuracy:.1%}</translation>
    </message>
    <message>
        <source>run {name}</source>
        <translation>运行 {name}</translation>
    </message>
</context>
<context>
    <name>RunWatcher</name>
    <message>
        <source>Following {folder}</source>
        <translation>正在跟踪 {folder}</translation>
    </message>
    <message>
        <source>Following &lt;b&gt;{folder}&lt;/b&gt;, written by another process</source>
        <translation>正在跟踪 &lt;b&gt;{folder}&lt;/b&gt;，它由另一个进程写入</translation>
    </message>
</context>
<context>
    <name>RunsDock</name>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Load the run into the Gallery and Classify tabs (double-click)</source>
        <translation>把运行加载到“图库”和“分类”页（双击）</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move the selected runs to the trash</source>
        <translation>把选中的运行移到回收站</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Overlay the curves of the selected runs (two or more) in a window</source>
        <translation>在一个窗口中叠加所选运行（两个或更多）的曲线</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Could not rename {name}: {error}</source>
        <translation>无法重命名 {name}：{error}</translation>
    </message>
    <message>
        <source>Renamed {name} to {name2}.</source>
        <translation>已把 {name} 重命名为 {name2}。</translation>
    </message>
    <message>
        <source>Deleted {names}.</source>
        <translation>已删除 {names}。</translation>
    </message>
    <message>
        <source>Could not delete {name}: {error}</source>
        <translation>无法删除 {name}：{error}</translation>
    </message>
    <message>
        <source>Select two or more runs to compare (Ctrl+click).</source>
        <translation>请选择两个或更多运行进行比较（Ctrl+点击）。</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>The system trash is not available here, so these runs would be deleted for good:&lt;br&gt;&lt;br&gt;{listed}&lt;br&gt;&lt;br&gt;Delete them?</source>
        <translation>这里无法使用系统回收站，因此这些运行将被永久删除：&lt;br&gt;&lt;br&gt;{listed}&lt;br&gt;&lt;br&gt;要删除吗？</translation>
    </message>
</context>
<context>
    <name>SaliencyPanel</name>
    <message>
        <source>Why this answer?</source>
        <translation>为什么是这个答案？</translation>
    </message>
    <message>
        <source> Move the slider to fade the red layer.</source>
        <translation>移动滑块可淡化红色图层。</translation>
    </message>
    <message>
        <source>How strongly the red layer covers the image.</source>
        <translation>红色图层覆盖图像的强度。</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Red layer</source>
        <translation>红色图层</translation>
    </message>
    <message>
        <source>{name}: the model answered &lt;b&gt;{label}&lt;/b&gt; ({confidence:.0%}).</source>
        <translation>{name}：模型回答 &lt;b&gt;{label}&lt;/b&gt;（{confidence:.0%}）。</translation>
    </message>
</context>
<context>
    <name>TrainCaptions</name>
    <message>
        <source>How wrong the model&apos;s guesses are, step by step (orange: images it does not train on) — lower is better.</source>
        <translation>模型的猜测错得有多离谱，逐步显示（橙色：不参与训练的图像）——越低越好。</translation>
    </message>
    <message>
        <source>How different the rebuilt images are from the originals — lower is better.</source>
        <translation>重建的图像与原图相差多少——越低越好。</translation>
    </message>
    <message>
        <source>Blue: how different the rebuilt images are; red: how untidy the model&apos;s code space is — both lower is better.</source>
        <translation>蓝色：重建图像的差异；红色：模型编码空间的杂乱程度——两者都是越低越好。</translation>
    </message>
    <message>
        <source>The judge (red) and the generator (green) compete: curves that level off mean neither wins outright, which is good.</source>
        <translation>判别器（红色）与生成器（绿色）相互竞争：曲线趋于平稳说明谁也没有完全获胜，这是好事。</translation>
    </message>
    <message>
        <source>Share of images it gets right: blue while training, orange on images it never trains on — higher is better.</source>
        <translation>答对的图像比例：蓝色为训练中，橙色为从不参与训练的图像——越高越好。</translation>
    </message>
    <message>
        <source>Rebuilding error on images it never trains on, after each epoch — lower is better.</source>
        <translation>每轮结束后，在从不参与训练的图像上的重建误差——越低越好。</translation>
    </message>
    <message>
        <source>The same two errors on images it never trains on, after each epoch — lower is better.</source>
        <translation>每轮结束后，在从不参与训练的图像上的同样两种误差——越低越好。</translation>
    </message>
    <message>
        <source>How real the judge thinks real (red) and generated (green) images are: they should end up close together.</source>
        <translation>判别器认为真实图像（红色）和生成图像（绿色）有多真：两者最终应该接近。</translation>
    </message>
    <message>
        <source>How busy the processor and memory are while it trains — for information only.</source>
        <translation>训练时处理器和内存有多忙——仅供参考。</translation>
    </message>
    <message>
        <source>Technical: cross-entropy loss; accuracy on the train / val split.</source>
        <translation>技术细节：交叉熵损失；训练集 / 验证集上的准确率。</translation>
    </message>
    <message>
        <source>Technical: mean squared reconstruction error (train / val).</source>
        <translation>技术细节：均方重建误差（训练集 / 验证集）。</translation>
    </message>
    <message>
        <source>Technical: reconstruction term and KL divergence of the latent code from a standard normal (the ELBO&apos;s two parts, KL weighted by beta).</source>
        <translation>技术细节：重建项，以及潜在编码相对标准正态分布的 KL 散度（ELBO 的两部分，KL 按 beta 加权）。</translation>
    </message>
    <message>
        <source>Technical: discriminator (D) and generator (G) losses; D(x) is the discriminator&apos;s output for real images, D(G(z)) for generated ones.</source>
        <translation>技术细节：判别器（D）和生成器（G）的损失；D(x) 是判别器对真实图像的输出，D(G(z)) 是对生成图像的输出。</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>val accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start training with the Data and Model tabs&apos; settings (F5)</source>
        <translation>用“数据”和“模型”页的设置开始训练（F5）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause after the current step; press again to resume (F6)</source>
        <translation>在当前步之后暂停；再按一次继续（F6）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current step and keep what was trained (Shift+F5)</source>
        <translation>在当前步之后停止，并保留已训练的内容（Shift+F5）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>No run yet. Press Train to start.</source>
        <translation>还没有运行。按“训练”开始。</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>另存到别处…</translation>
    </message>
    <message>
        <source>The run folder could not be written: save what was trained to another folder.</source>
        <translation>无法写入运行文件夹：请把已训练的内容保存到另一个文件夹。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>{what}: {percent}%</source>
        <translation>{what}：{percent}%</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs} · step {step}/{steps}</source>
        <translation>第 {epoch}/{epochs} 轮 · 第 {step}/{steps} 步</translation>
    </message>
    <message>
        <source>Paused — {position}</source>
        <translation>已暂停 — {position}</translation>
    </message>
    <message>
        <source>{position} · {minutes}:{seconds} left · {speed} images/s</source>
        <translation>{position} · 剩余 {minutes}:{seconds} · {speed} 张/秒</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>rebuilding error</source>
        <translation>重建误差</translation>
    </message>
    <message>
        <source>untidiness of the code (KL)</source>
        <translation>编码的杂乱程度（KL）</translation>
    </message>
    <message>
        <source>judge&apos;s loss</source>
        <translation>判别器损失</translation>
    </message>
    <message>
        <source>generator&apos;s loss</source>
        <translation>生成器损失</translation>
    </message>
    <message>
        <source>judge&apos;s score for real images</source>
        <translation>判别器对真实图像的评分</translation>
    </message>
    <message>
        <source>judge&apos;s score for generated images</source>
        <translation>判别器对生成图像的评分</translation>
    </message>
    <message>
        <source>rebuilding error, new images</source>
        <translation>重建误差（新图像）</translation>
    </message>
    <message>
        <source>untidiness (KL), new images</source>
        <translation>杂乱程度（KL，新图像）</translation>
    </message>
    <message>
        <source>How long the run will take on this machine, from a few timed training steps. Epochs auto may finish sooner.</source>
        <translation>根据几个计时的训练步骤估算本机上这次运行需要多长时间。自动轮数可能会更早结束。</translation>
    </message>
    <message>
        <source>Estimating the time…</source>
        <translation>正在估算时间…</translation>
    </message>
    <message>
        <source>Training &lt;b&gt;{model}&lt;/b&gt; on &lt;b&gt;{dataset_name}&lt;/b&gt; ({params:,} parameters) on {device}</source>
        <translation>正在训练 &lt;b&gt;{model}&lt;/b&gt;，数据集 &lt;b&gt;{dataset_name}&lt;/b&gt;（{params:,} 个参数），设备 {device}</translation>
    </message>
    <message>
        <source>Run folder: {run_dir}</source>
        <translation>运行文件夹：{run_dir}</translation>
    </message>
    <message>
        <source>Discriminator outputs</source>
        <translation>判别器输出</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>GPU %</source>
        <translation>GPU %</translation>
    </message>
    <message>
        <source>GPU memory %</source>
        <translation>GPU 显存 %</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>RAM %</source>
        <translation>内存 %</translation>
    </message>
    <message>
        <source>lr {old:g} → {new:g}</source>
        <translation>学习率 {old:g} → {new:g}</translation>
    </message>
    <message>
        <source>Saved in {run_dir}</source>
        <translation>保存在 {run_dir}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training failed:&lt;/b&gt; {message}</source>
        <translation>&lt;b&gt;训练失败：&lt;/b&gt;{message}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>auto epochs (at most {n})</source>
        <translation>自动轮数（最多 {n} 轮）</translation>
    </message>
    <message>
        <source>{n} epochs</source>
        <translation>{n} 轮</translation>
    </message>
    <message>
        <source>Ready: {model} on {dataset}, {epochs}, {duration}. Press Train (F5).</source>
        <translation>准备就绪：在 {dataset} 上训练 {model}，{epochs}，{duration}。按“训练”（F5）。</translation>
    </message>
</context>
<context>
    <name>Unsure</name>
    <message>
        <source>Familiarity {score:.1f}; below {threshold:.1f} the model says it is not sure (about 4 in 100 real images of its classes are). The bars are its guesses anyway.</source>
        <translation>熟悉度 {score:.1f}；低于 {threshold:.1f} 时模型会说不确定（其类别的真实图像中约每 100 张有 4 张如此）。条形图仍是它的猜测。</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Open the Classify tab and give the model an image</source>
        <translation>打开“分类”页，给模型一张图像</translation>
    </message>
    <message>
        <source>See the results</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <source>The Gallery: which test images it got right and wrong, and why</source>
        <translation>图库：哪些测试图像认对了、哪些认错了，以及原因</translation>
    </message>
    <message>
        <source>Try it: draw a digit</source>
        <translation>试一试：画一个数字</translation>
    </message>
    <message>
        <source>Try it: classify an image</source>
        <translation>试一试：给一张图像分类</translation>
    </message>
    <message>
        <source>See the generated images</source>
        <translation>查看生成的图像</translation>
    </message>
    <message>
        <source>See the rebuilt images</source>
        <translation>查看重建的图像</translation>
    </message>
    <message>
        <source>The Gallery: what the model made</source>
        <translation>图库：模型做出的图像</translation>
    </message>
</context>
<context>
    <name>accessibility</name>
    <message>
        <source>The network to train; its description is shown below.</source>
        <translation>要训练的网络；下方显示它的说明。</translation>
    </message>
    <message>
        <source>Mirror training images at random (not for digits or text).</source>
        <translation>随机镜像翻转训练图像（不适用于数字或文字）。</translation>
    </message>
    <message>
        <source>Move training images by up to a tenth of their size at random.</source>
        <translation>随机平移训练图像，最多为其尺寸的十分之一。</translation>
    </message>
    <message>
        <source>Zoom training images in or out by up to a tenth at random.</source>
        <translation>随机放大或缩小训练图像，最多十分之一。</translation>
    </message>
    <message>
        <source>The order of the mistakes: the surest wrong answers first, or last.</source>
        <translation>错误的排列顺序：最有把握的错误答案排在最前或最后。</translation>
    </message>
    <message>
        <source>Put generated samples beside the training images closest to them.</source>
        <translation>把生成的样本放在离它们最近的训练图像旁边。</translation>
    </message>
    <message>
        <source>Decode a walk between two new random latent points.</source>
        <translation>解码两个新的随机潜在点之间的行走。</translation>
    </message>
    <message>
        <source>Switch to the offline handwritten digits.</source>
        <translation>切换到离线手写数字。</translation>
    </message>
    <message>
        <source>Switch to the offline shapes.</source>
        <translation>切换到离线形状。</translation>
    </message>
    <message>
        <source>List the files that could not be read, and why.</source>
        <translation>列出无法读取的文件及原因。</translation>
    </message>
    <message>
        <source>Save the comparison plot as a PNG image.</source>
        <translation>把比较图保存为 PNG 图像。</translation>
    </message>
    <message>
        <source>Saved runs. Double-click to open one; Ctrl+click to select runs to compare.</source>
        <translation>已保存的运行。双击打开；Ctrl+点击选择要比较的运行。</translation>
    </message>
    <message>
        <source>Rename the selected run (F2).</source>
        <translation>重命名选中的运行（F2）。</translation>
    </message>
    <message>
        <source>Read the runs folder again.</source>
        <translation>重新读取运行文件夹。</translation>
    </message>
    <message>
        <source>Red layer strength</source>
        <translation>红色图层强度</translation>
    </message>
    <message>
        <source>Epoch shown</source>
        <translation>显示的轮次</translation>
    </message>
    <message>
        <source>Latent value</source>
        <translation>潜在变量取值</translation>
    </message>
    <message>
        <source>Scores per class</source>
        <translation>各类别得分</translation>
    </message>
    <message>
        <source>Saved runs</source>
        <translation>已保存的运行</translation>
    </message>
    <message>
        <source>Steps: data, model, train, gallery, classify</source>
        <translation>步骤：数据、模型、训练、图库、分类</translation>
    </message>
    <message>
        <source>Classification results</source>
        <translation>分类结果</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>Layers of the model</source>
        <translation>模型的各层</translation>
    </message>
    <message>
        <source>Mistakes and selected cell</source>
        <translation>错误与选中的单元格</translation>
    </message>
    <message>
        <source>Gallery views</source>
        <translation>图库视图</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>每个类别的图像数</translation>
    </message>
    <message>
        <source>Loss per epoch</source>
        <translation>每轮的损失</translation>
    </message>
    <message>
        <source>Accuracy or quality per epoch</source>
        <translation>每轮的准确率或质量</translation>
    </message>
    <message>
        <source>Processor and memory load</source>
        <translation>处理器和内存负载</translation>
    </message>
    <message>
        <source>Comparison of the selected runs</source>
        <translation>所选运行的比较</translation>
    </message>
    <message>
        <source>Sample quality per epoch</source>
        <translation>每轮的样本质量</translation>
    </message>
</context>
<context>
    <name>classify_tab</name>
    <message>
        <source>Train a model or open a saved run first.</source>
        <translation>请先训练一个模型或打开已保存的运行。</translation>
    </message>
    <message>
        <source>Drop image files here, click to choose them, or paste an image (Ctrl+V)</source>
        <translation>把图像文件拖到这里，点击选择，或粘贴图像（Ctrl+V）</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse; the guesses update as you draw.</source>
        <translation>用鼠标画一个数字；边画边更新猜测。</translation>
    </message>
    <message>
        <source>an autoencoder</source>
        <translation>一个自编码器</translation>
    </message>
    <message>
        <source>a VAE</source>
        <translation>一个变分自编码器（VAE）</translation>
    </message>
    <message>
        <source>a DCGAN</source>
        <translation>一个 DCGAN</translation>
    </message>
    <message>
        <source>a generative model</source>
        <translation>一个生成模型</translation>
    </message>
    <message>
        <source>This run trained {get}, which makes images rather than sorting them. Classification needs a classifier run: train a classifier (e.g. Small CNN) or open a saved classifier run.</source>
        <translation>这次运行训练的是{get}，它生成图像而不是给图像分类。分类需要一个分类器运行：请训练一个分类器（例如小型 CNN），或打开已保存的分类器运行。</translation>
    </message>
    <message>
        <source>This needs a classifier run; the loaded run is {name}.</source>
        <translation>这需要一个分类器运行；当前加载的运行是{name}。</translation>
    </message>
</context>
<context>
    <name>classify_work</name>
    <message>
        <source>this is a folder, not an image file.</source>
        <translation>这是一个文件夹，不是图像文件。</translation>
    </message>
</context>
<context>
    <name>compare_caption</name>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>closer to 0.5 (the judge cannot tell real from generated) is better</source>
        <translation>越接近 0.5 越好（判别器分不清真实图像和生成图像）</translation>
    </message>
    <message>
        <source>{name} of each run after each epoch, one curve per run.</source>
        <translation>每个运行每一轮之后的{name}，每个运行一条曲线。</translation>
    </message>
    <message>
        <source>{name} of each run after each epoch, one curve per run — {direction}.</source>
        <translation>每个运行每一轮之后的{name}，每个运行一条曲线——{direction}。</translation>
    </message>
</context>
<context>
    <name>compare_panel</name>
    <message>
        <source>Select two or more runs in the table and press Compare.</source>
        <translation>在表格中选择两个或更多运行，然后按“比较”。</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{display_text} has images of only one class ({join}); a classifier needs at least two class folders.</source>
        <translation>{display_text} 只有一个类别的图像（{join}）；分类器至少需要两个类别文件夹。</translation>
    </message>
    <message>
        <source>The decoded images could not be written to {folder} ({error}); free some disk space or choose a smaller image size.</source>
        <translation>解码后的图像无法写入 {folder}（{error}）；请释放一些磁盘空间，或选择更小的图像尺寸。</translation>
    </message>
    <message>
        <source>could not be read ({name})</source>
        <translation>无法读取（{name}）</translation>
    </message>
    <message>
        <source>{count:,} images of {size}x{size} pixels need {needed:.1f} GiB of disk in {folder} but only {free:.1f} GiB is free; free some space or choose a smaller image size.</source>
        <translation>{count:,} 张 {size}x{size} 像素的图像需要在 {folder} 中占用 {needed:.1f} GiB 磁盘空间，但只剩 {free:.1f} GiB；请释放一些空间，或选择更小的图像尺寸。</translation>
    </message>
    <message>
        <source>{shown} holds no files in its class folders.</source>
        <translation>{shown} 的类别文件夹中没有文件。</translation>
    </message>
    <message>
        <source>No readable images in {shown}: {count} files skipped (first: {path}: {reason}).</source>
        <translation>{shown} 中没有可读取的图像：跳过了 {count} 个文件（第一个：{path}：{reason}）。</translation>
    </message>
    <message>
        <source>The folder {shown} does not exist.</source>
        <translation>文件夹 {shown} 不存在。</translation>
    </message>
    <message>
        <source>{shown} is a file; choose the folder that holds it.</source>
        <translation>{shown} 是一个文件；请选择包含它的文件夹。</translation>
    </message>
    <message>
        <source>not used: only train/, val/, test/ are read</source>
        <translation>未使用：只读取 train/、val/、test/</translation>
    </message>
    <message>
        <source>{shown} has no class subfolders: put the images of each class in a folder of its own (for example {display_text}/cats and {display_text}/dogs).</source>
        <translation>{shown} 没有类别子文件夹：请把每个类别的图像放在各自的文件夹中（例如 {display_text}/cats 和 {display_text}/dogs）。</translation>
    </message>
    <message>
        <source>not inside a class folder</source>
        <translation>不在类别文件夹中</translation>
    </message>
    <message>
        <source>cannot open folder ({why})</source>
        <translation>无法打开文件夹（{why}）</translation>
    </message>
    <message>
        <source>folder link loop (read only once)</source>
        <translation>文件夹链接循环（只读取一次）</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>Cannot open the folder {display_text} ({why}).</source>
        <translation>无法打开文件夹 {display_text}（{why}）。</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>broken link or file vanished</source>
        <translation>链接失效或文件已消失</translation>
    </message>
    <message>
        <source>Image size must be at least 1 pixel, not {size}.</source>
        <translation>图像尺寸至少为 1 像素，而不是 {size}。</translation>
    </message>
    <message>
        <source>Image mode must be &quot;RGB&quot; or &quot;L&quot;, not {mode!r}.</source>
        <translation>图像模式必须是 &quot;RGB&quot; 或 &quot;L&quot;，而不是 {mode!r}。</translation>
    </message>
    <message>
        <source>a folder, not an image file</source>
        <translation>是文件夹，不是图像文件</translation>
    </message>
    <message>
        <source>not a regular file (a device, pipe or socket)</source>
        <translation>不是普通文件（设备、管道或套接字）</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>file too large ({value:.0f} MiB; the limit is {value2} MiB)</source>
        <translation>文件太大（{value:.0f} MiB；上限为 {value2} MiB）</translation>
    </message>
    <message>
        <source>image has no pixels</source>
        <translation>图像没有像素</translation>
    </message>
    <message>
        <source>image too large ({width} x {height} pixels; the limit is {value} megapixels)</source>
        <translation>图像太大（{width} x {height} 像素；上限为 {value} 百万像素）</translation>
    </message>
    <message>
        <source>image too long ({width} x {height} pixels; no side may exceed {max_side:,} pixels)</source>
        <translation>图像太长（{width} x {height} 像素；任何一边都不能超过 {max_side:,} 像素）</translation>
    </message>
    <message>
        <source>unsupported colour mode {source_mode}</source>
        <translation>不支持的颜色模式 {source_mode}</translation>
    </message>
    <message>
        <source>not an image (unrecognised format)</source>
        <translation>不是图像（无法识别的格式）</translation>
    </message>
    <message>
        <source>image too large (more than {value} megapixels)</source>
        <translation>图像太大（超过 {value} 百万像素）</translation>
    </message>
    <message>
        <source>not enough memory to decode this image</source>
        <translation>内存不足，无法解码这张图像</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>cannot read the file ({lower})</source>
        <translation>无法读取文件（{lower}）</translation>
    </message>
    <message>
        <source>truncated image file</source>
        <translation>图像文件不完整</translation>
    </message>
    <message>
        <source>damaged or unsupported image ({detail})</source>
        <translation>图像已损坏或不受支持（{detail}）</translation>
    </message>
    <message>
        <source>Handwritten digits (offline)</source>
        <translation>手写数字（离线）</translation>
    </message>
    <message>
        <source>1,797 real handwritten digits 0-9 (scikit-learn), scaled from 8x8 to 28x28 pixels; no download needed.</source>
        <translation>1,797 个真实的手写数字 0-9（scikit-learn），从 8x8 放大到 28x28 像素；无需下载。</translation>
    </message>
    <message>
        <source>Coloured shapes (offline)</source>
        <translation>彩色形状（离线）</translation>
    </message>
    <message>
        <source>3,000 generated 32x32 colour pictures of circles, squares, triangles, stars and crosses; no download needed.</source>
        <translation>3,000 张生成的 32x32 彩色图片：圆形、正方形、三角形、星形和十字；无需下载。</translation>
    </message>
    <message>
        <source>MNIST handwritten digits</source>
        <translation>MNIST 手写数字</translation>
    </message>
    <message>
        <source>70,000 handwritten digits 0-9, 28x28 greyscale; downloads about 12 MB once.</source>
        <translation>70,000 个手写数字 0-9，28x28 灰度；首次下载约 12 MB。</translation>
    </message>
    <message>
        <source>Fashion-MNIST clothing</source>
        <translation>Fashion-MNIST 服装</translation>
    </message>
    <message>
        <source>70,000 28x28 greyscale pictures of 10 kinds of clothing and shoes; downloads about 30 MB once.</source>
        <translation>70,000 张 28x28 灰度图片，10 种服装和鞋子；首次下载约 30 MB。</translation>
    </message>
    <message>
        <source>CIFAR-10 small photos</source>
        <translation>CIFAR-10 小照片</translation>
    </message>
    <message>
        <source>60,000 32x32 colour photos of 10 classes (planes, cars, birds, cats...); downloads about 170 MB once.</source>
        <translation>60,000 张 32x32 彩色照片，10 个类别（飞机、汽车、鸟、猫……）；首次下载约 170 MB。</translation>
    </message>
    <message>
        <source>Your image folder</source>
        <translation>你的图像文件夹</translation>
    </message>
    <message>
        <source>Your own pictures: a folder with one subfolder per class (optionally inside train/ and test/).</source>
        <translation>你自己的图片：每个类别一个子文件夹的文件夹（也可以放在 train/ 和 test/ 里）。</translation>
    </message>
    <message>
        <source>Unknown dataset {dataset_id!r}; choose one of {known}.</source>
        <translation>未知数据集 {dataset_id!r}；请从 {known} 中选择。</translation>
    </message>
    <message>
        <source>Choose a folder of images to use as a dataset.</source>
        <translation>请选择一个图像文件夹作为数据集。</translation>
    </message>
    <message>
        <source>{folder_name} (folder)</source>
        <translation>{folder_name}（文件夹）</translation>
    </message>
    <message>
        <source>Auto ({describe_device})</source>
        <translation>自动（{describe_device}）</translation>
    </message>
    <message>
        <source>Apple GPU (MPS)</source>
        <translation>Apple GPU（MPS）</translation>
    </message>
    <message>
        <source>CPU, {cpu_threads} threads</source>
        <translation>CPU，{cpu_threads} 个线程</translation>
    </message>
    <message>
        <source>Unknown device {name!r}; use auto, cpu, cuda or mps.</source>
        <translation>未知设备 {name!r}；请使用 auto、cpu、cuda 或 mps。</translation>
    </message>
    <message>
        <source>No CUDA GPU is available on this computer; choose Auto or CPU.</source>
        <translation>这台电脑上没有可用的 CUDA GPU；请选择“自动”或 CPU。</translation>
    </message>
    <message>
        <source>Apple&apos;s MPS GPU is not available on this computer; choose Auto or CPU.</source>
        <translation>这台电脑上没有可用的 Apple MPS GPU；请选择“自动”或 CPU。</translation>
    </message>
    <message>
        <source>{name}/config.json is incomplete or invalid.</source>
        <translation>{name}/config.json 不完整或无效。</translation>
    </message>
    <message>
        <source>{name}/{model_file} does not match the model its config describes.</source>
        <translation>{name}/{model_file} 与其配置描述的模型不匹配。</translation>
    </message>
    <message>
        <source>This run trained a generative model; it cannot classify images.</source>
        <translation>这次运行训练的是生成模型；它不能给图像分类。</translation>
    </message>
    <message>
        <source>Only generative runs (autoencoder, VAE, DCGAN) can draw samples.</source>
        <translation>只有生成模型的运行（自编码器、VAE、DCGAN）才能生成样本。</translation>
    </message>
    <message>
        <source>Only generative runs can interpolate between latent points.</source>
        <translation>只有生成模型的运行才能在潜在点之间插值。</translation>
    </message>
    <message>
        <source>Training the small classifier behind the sample-quality score (once for this dataset)…</source>
        <translation>正在训练用于样本质量评分的小分类器（每个数据集只需一次）…</translation>
    </message>
    <message>
        <source>Method: Grad-CAM, the regions where the last convolution layer found evidence for the answer.</source>
        <translation>方法：Grad-CAM，即最后一个卷积层为这个答案找到证据的区域。</translation>
    </message>
    <message>
        <source>Method: input gradients, the pixels whose slightest change would move the answer&apos;s score most.</source>
        <translation>方法：输入梯度，即稍有变化就最能改变答案得分的像素。</translation>
    </message>
    <message>
        <source>Method: the model&apos;s own attention; it reads the image row by row, and the bars on the right show how much it weighed each row.</source>
        <translation>方法：模型自身的注意力；它逐行读取图像，右侧的条形显示它对每一行的重视程度。</translation>
    </message>
    <message>
        <source>Saliency explains classifiers; this run is a generative model.</source>
        <translation>显著性图用于解释分类器；这次运行是生成模型。</translation>
    </message>
    <message>
        <source>This model does not expose attention weights.</source>
        <translation>这个模型不提供注意力权重。</translation>
    </message>
    <message>
        <source>MLP (dense network)</source>
        <translation>MLP（全连接网络）</translation>
    </message>
    <message>
        <source>Flattens the image into one long vector and learns from it with two dense layers; the simplest baseline.</source>
        <translation>把图像展平成一个长向量，用两个全连接层学习；最简单的基线。</translation>
    </message>
    <message>
        <source>Small CNN (28x28)</source>
        <translation>小型 CNN（28x28）</translation>
    </message>
    <message>
        <source>Two convolution + pooling layers and a dense layer: the classic network for 28x28 digits. Images are resized to 28x28.</source>
        <translation>两个卷积 + 池化层和一个全连接层：识别 28x28 数字的经典网络。图像会缩放到 28x28。</translation>
    </message>
    <message>
        <source>Photo CNN (4 conv blocks)</source>
        <translation>照片 CNN（4 个卷积块）</translation>
    </message>
    <message>
        <source>Four convolution blocks (32-64-128-128) with dropout, made for photos of up to 150x150 pixels, such as your own image folders.</source>
        <translation>四个卷积块（32-64-128-128）加 dropout，适用于最大 150x150 像素的照片，例如你自己的图像文件夹。</translation>
    </message>
    <message>
        <source>{title} (pretrained)</source>
        <translation>{title}（预训练）</translation>
    </message>
    <message>
        <source>{title}, pretrained on ImageNet&apos;s 1.2 million photos: a few dozen photos per class go a long way. {how}</source>
        <translation>{title}，在 ImageNet 的 120 万张照片上预训练过：每个类别几十张照片就能取得很好的效果。{how}</translation>
    </message>
    <message>
        <source>Small and fast: best for a CPU.</source>
        <translation>小而快：最适合 CPU。</translation>
    </message>
    <message>
        <source>Larger and slower; sometimes more accurate.</source>
        <translation>更大也更慢；有时更准确。</translation>
    </message>
    <message>
        <source>The most accurate of the three; slowest.</source>
        <translation>三者中最准确；也最慢。</translation>
    </message>
    <message>
        <source>LSTM with attention</source>
        <translation>带注意力的 LSTM</translation>
    </message>
    <message>
        <source>Reads the image row by row like a sentence, with a bidirectional LSTM, and learns which rows to pay attention to.</source>
        <translation>像读句子一样用双向 LSTM 逐行读取图像，并学习应该关注哪些行。</translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <source>Squeezes each image into a short code and rebuilds it from that code; learns without labels.</source>
        <translation>把每张图像压缩成很短的编码，再从编码重建图像；无需标签即可学习。</translation>
    </message>
    <message>
        <source>Variational autoencoder (VAE)</source>
        <translation>变分自编码器（VAE）</translation>
    </message>
    <message>
        <source>An autoencoder whose codes follow a smooth distribution, so random codes decode into new images.</source>
        <translation>编码服从平滑分布的自编码器，因此随机编码可以解码成新图像。</translation>
    </message>
    <message>
        <source>DCGAN (generative adversarial network)</source>
        <translation>DCGAN（生成对抗网络）</translation>
    </message>
    <message>
        <source>A generator learns to draw images that a discriminator cannot tell from real ones; the two train against each other.</source>
        <translation>生成器学习画出判别器无法与真实图像区分的图像；两者相互对抗地训练。</translation>
    </message>
    <message>
        <source>Unknown model {model_id!r}. Known models: {known}.</source>
        <translation>未知的模型 {model_id!r}。已知的模型：{known}。</translation>
    </message>
    <message>
        <source>Epochs must be a number or auto, not {epochs!r}.</source>
        <translation>轮数必须是一个数字或 auto，而不是 {epochs!r}。</translation>
    </message>
    <message>
        <source>Epochs must be at least 1.</source>
        <translation>轮数至少为 1。</translation>
    </message>
    <message>
        <source>The time budget must be a positive number of seconds.</source>
        <translation>时间预算必须是一个正的秒数。</translation>
    </message>
    <message>
        <source>Batch size must be at least 1.</source>
        <translation>批次大小至少为 1。</translation>
    </message>
    <message>
        <source>The learning rate must be a positive number.</source>
        <translation>学习率必须是正数。</translation>
    </message>
    <message>
        <source>Unknown optimizer {optimizer!r}; choose adam or sgd.</source>
        <translation>未知优化器 {optimizer!r}；请选择 adam 或 sgd。</translation>
    </message>
    <message>
        <source>Beta (the VAE&apos;s KL weight) cannot be negative.</source>
        <translation>Beta（VAE 的 KL 权重）不能为负。</translation>
    </message>
    <message>
        <source>The pretrained model&apos;s image size must be from 32 to 224 pixels.</source>
        <translation>预训练模型的图像尺寸必须在 32 到 224 像素之间。</translation>
    </message>
    <message>
        <source>Validation and test fractions must be between 0 and 1.</source>
        <translation>验证集和测试集比例必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>Stopped by the user.</source>
        <translation>已被用户停止。</translation>
    </message>
    <message>
        <source>Training failed: {error}</source>
        <translation>训练失败：{error}</translation>
    </message>
    <message>
        <source>Testing on {count:,} images…</source>
        <translation>正在用 {count:,} 张图像测试…</translation>
    </message>
    <message>
        <source>at epoch {epoch}, step {step}</source>
        <translation>在第 {epoch} 轮第 {step} 步</translation>
    </message>
    <message>
        <source>at the end of epoch {epoch}</source>
        <translation>在第 {epoch} 轮结束时</translation>
    </message>
    <message>
        <source>Learning rate changed from {old:g} to {lr:g} at step {global_step}.</source>
        <translation>学习率在第 {global_step} 步从 {old:g} 改为 {lr:g}。</translation>
    </message>
    <message>
        <source>{error} Training stopped; the last checkpoint on disk is unchanged.</source>
        <translation>{error} 训练已停止；磁盘上的最后一个检查点保持不变。</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>, step {steps_done}</source>
        <translation>第 {steps_done} 步</translation>
    </message>
    <message>
        <source>{error} Training stopped; what it learned (up to {where}) is kept in memory until it is saved to another folder.</source>
        <translation>{error} 训练已停止；已学到的内容（截至{where}）保留在内存中，直到保存到另一个文件夹。</translation>
    </message>
    <message>
        <source>the checkpoint of epoch {epoch} is kept</source>
        <translation>第 {epoch} 轮的检查点已保留</translation>
    </message>
    <message>
        <source>no epoch had finished, so nothing was saved</source>
        <translation>没有完成任何一轮，因此没有保存任何内容</translation>
    </message>
    <message>
        <source>The device ({describe_device}) ran out of memory in epoch {value} with batch size {batch}. Try a batch size of {max} or less, a smaller model or image size, or the CPU; {kept}.</source>
        <translation>设备（{describe_device}）在第 {value} 轮、批次大小 {batch} 时内存不足。请尝试 {max} 或更小的批次大小、更小的模型或图像尺寸，或改用 CPU；{kept}。</translation>
    </message>
    <message>
        <source>The checkpoint does not match this model; was the config changed?</source>
        <translation>检查点与这个模型不匹配；配置是否被修改过？</translation>
    </message>
    <message>
        <source>The {replace} became {value} {where}: training diverged. Try a smaller learning rate. The last good checkpoint was kept.</source>
        <translation>{replace} {where}变成了 {value}：训练发散了。请尝试更小的学习率。最后一个正常的检查点已保留。</translation>
    </message>
    <message>
        <source>Could not write to the run folder {folder} ({write_failure}).</source>
        <translation>无法写入运行文件夹 {folder}（{write_failure}）。</translation>
    </message>
    <message>
        <source>{title} has not been downloaded yet; allow the download (it needs an internet connection) or choose an offline dataset. {hint}</source>
        <translation>{title} 还没有下载；请允许下载（需要联网），或选择一个离线数据集。{hint}</translation>
    </message>
    <message>
        <source>The downloaded {title} files could not be read ({reason}); they were removed, so loading {title} again downloads a fresh copy.</source>
        <translation>下载的 {title} 文件无法读取（{reason}）；它们已被删除，再次加载 {title} 会重新下载一份。</translation>
    </message>
    <message>
        <source>the downloaded file is damaged (checksum mismatch)</source>
        <translation>下载的文件已损坏（校验和不符）</translation>
    </message>
    <message>
        <source>the download lacks {files}</source>
        <translation>下载内容缺少 {files}</translation>
    </message>
    <message>
        <source>Could not download {title}: {reason}. {hint}</source>
        <translation>无法下载 {title}：{reason}。{hint}</translation>
    </message>
    <message>
        <source>the server answered {code} ({reason})</source>
        <translation>服务器返回 {code}（{reason}）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>cannot write to {folder} (permission denied)</source>
        <translation>无法写入 {folder}（权限被拒绝）</translation>
    </message>
    <message>
        <source>no network connection</source>
        <translation>没有网络连接</translation>
    </message>
    <message>
        <source>a network or disk error ({reason})</source>
        <translation>网络或磁盘错误（{reason}）</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>Camera {number}</source>
        <translation>摄像头 {number}</translation>
    </message>
    <message>
        <source>Video file: {name}</source>
        <translation>视频文件：{name}</translation>
    </message>
    <message>
        <source>Type a name first.</source>
        <translation>请先输入名称。</translation>
    </message>
    <message>
        <source>“{name}” cannot be a folder name: use at most 64 letters, digits, spaces or dashes, not starting with a dot.</source>
        <translation>“{name}”不能用作文件夹名：最多使用 64 个字母、数字、空格或短横线，且不能以点开头。</translation>
    </message>
    <message>
        <source>A folder named “{name}” already exists and was not recorded here: choose another name.</source>
        <translation>已经存在一个名为“{name}”的文件夹，且不是在这里录制的：请换一个名称。</translation>
    </message>
    <message>
        <source>There is already a class named “{name}”.</source>
        <translation>已经有一个名为“{name}”的类别。</translation>
    </message>
    <message>
        <source>There is no class named “{name}”.</source>
        <translation>没有名为“{name}”的类别。</translation>
    </message>
    <message>
        <source>No camera was found. Plug one in, or choose another source in the list.</source>
        <translation>没有找到摄像头。请插入一个，或在列表中选择其他来源。</translation>
    </message>
    <message>
        <source>The camera is busy: close the other program that uses it, then try again.</source>
        <translation>摄像头正被占用：请关闭正在使用它的其他程序，然后重试。</translation>
    </message>
    <message>
        <source>This app may not use the camera: allow camera access in the system&apos;s privacy settings, then try again.</source>
        <translation>这个应用无权使用摄像头：请在系统的隐私设置中允许访问摄像头，然后重试。</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures (was it unplugged?). Plug it in again and choose it in the list.</source>
        <translation>摄像头停止发送画面（是不是被拔掉了？）。请重新插入并在列表中选择它。</translation>
    </message>
    <message>
        <source>The video ended. Choose a source in the list to go on.</source>
        <translation>视频已结束。请在列表中选择一个来源继续。</translation>
    </message>
    <message>
        <source>This video file cannot be read. Choose another file or source.</source>
        <translation>无法读取这个视频文件。请选择其他文件或来源。</translation>
    </message>
    <message>
        <source>Moving shapes (no camera needed)</source>
        <translation>移动的形状（无需摄像头）</translation>
    </message>
    <message>
        <source>RAM</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <source>Batches come from memory: {needed} of pixels fit in {budget} of free {where}.</source>
        <translation>批次来自内存：{needed} 的像素数据可放入 {budget} 的空闲{where}。</translation>
    </message>
    <message>
        <source>Batches stream from the disk cache (memory-mapped): {needed} of pixels is more than the {budget} of free {where} set aside for data.</source>
        <translation>批次从磁盘缓存中流式读取（内存映射）：{needed} 的像素数据超过了为数据预留的 {budget} 空闲{where}。</translation>
    </message>
    <message>
        <source>Unknown export format {fmt}; use onnx, torchscript or all.</source>
        <translation>未知导出格式 {fmt}；请使用 onnx、torchscript 或 all。</translation>
    </message>
    <message>
        <source>Not sure — this does not look like any of the classes I know</source>
        <translation>不确定 — 这看起来不像我认识的任何类别</translation>
    </message>
    <message>
        <source>This run has no familiarity test; train it again to get one.</source>
        <translation>这次运行没有熟悉度测试；请重新训练以获得它。</translation>
    </message>
    <message>
        <source>The {title} weights could not be downloaded ({reason}); download {url} on a computer that is online and copy the file {name} into the folder {folder}, or choose a model trained from scratch, such as Photo CNN.</source>
        <translation>无法下载 {title} 权重（{reason}）；请在联网的电脑上下载 {url}，并把文件 {name} 复制到文件夹 {folder}，或选择从头训练的模型，例如照片 CNN。</translation>
    </message>
    <message>
        <source>it is not on this computer</source>
        <translation>它不在这台电脑上</translation>
    </message>
    <message>
        <source>Downloading the ImageNet weights</source>
        <translation>正在下载 ImageNet 权重</translation>
    </message>
    <message>
        <source>The downloaded {title} weights are damaged (their checksum does not match {name}); they were not kept. Try again later.</source>
        <translation>下载的 {title} 权重已损坏（校验和与 {name} 不符），未被保留。请稍后重试。</translation>
    </message>
    <message>
        <source>it is damaged or not a weights file</source>
        <translation>它已损坏或不是权重文件</translation>
    </message>
    <message>
        <source>it does not hold a table of weights</source>
        <translation>它不包含权重表</translation>
    </message>
    <message>
        <source>it holds the weights of another network</source>
        <translation>它包含的是另一个网络的权重</translation>
    </message>
    <message>
        <source>The file {path} was refused as {title} weights ({why}); delete it so that the app downloads it again, or put the right file there by hand.</source>
        <translation>文件 {path} 未被接受为 {title} 权重（{why}）；请删除它以便应用重新下载，或手动放入正确的文件。</translation>
    </message>
    <message>
        <source>Small greyscale images ({size}x{size} pixels): the small CNN learns them from scratch quickly and well.</source>
        <translation>小的灰度图像（{size}x{size} 像素）：小型 CNN 可以从头快速、良好地学会它们。</translation>
    </message>
    <message>
        <source>Colour pictures ({size}x{size} pixels): a network pretrained on ImageNet photos, with only a new last layer trained (Quick), learns them in seconds from a few dozen images per class.</source>
        <translation>彩色图片（{size}x{size} 像素）：在 ImageNet 照片上预训练的网络，只训练新的最后一层（快速），每个类别几十张图像，几秒钟就能学会。</translation>
    </message>
    <message>
        <source>Large images ({size}x{size} pixels): a network pretrained on ImageNet photos, with only a new last layer trained (Quick), learns them in seconds from a few dozen images per class.</source>
        <translation>大图像（{size}x{size} 像素）：在 ImageNet 照片上预训练的网络，只训练新的最后一层（快速），每个类别几十张图像，几秒钟就能学会。</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>reconstruction error</source>
        <translation>重建误差</translation>
    </message>
    <message>
        <source>validation reconstruction error</source>
        <translation>验证重建误差</translation>
    </message>
    <message>
        <source>test reconstruction error</source>
        <translation>测试重建误差</translation>
    </message>
    <message>
        <source>KL term</source>
        <translation>KL 项</translation>
    </message>
    <message>
        <source>validation KL term</source>
        <translation>验证 KL 项</translation>
    </message>
    <message>
        <source>test KL term</source>
        <translation>测试 KL 项</translation>
    </message>
    <message>
        <source>judge&apos;s loss</source>
        <translation>判别器损失</translation>
    </message>
    <message>
        <source>generator&apos;s loss</source>
        <translation>生成器损失</translation>
    </message>
    <message>
        <source>validation judge&apos;s loss</source>
        <translation>验证判别器损失</translation>
    </message>
    <message>
        <source>validation generator&apos;s loss</source>
        <translation>验证生成器损失</translation>
    </message>
    <message>
        <source>test judge&apos;s loss</source>
        <translation>测试判别器损失</translation>
    </message>
    <message>
        <source>test generator&apos;s loss</source>
        <translation>测试生成器损失</translation>
    </message>
    <message>
        <source>judge&apos;s score for real images</source>
        <translation>判别器对真实图像的评分</translation>
    </message>
    <message>
        <source>judge&apos;s score for generated images</source>
        <translation>判别器对生成图像的评分</translation>
    </message>
    <message>
        <source>sample quality score</source>
        <translation>样本质量得分</translation>
    </message>
    <message>
        <source>quality score of real images</source>
        <translation>真实图像的质量得分</translation>
    </message>
    <message>
        <source>classes covered</source>
        <translation>覆盖的类别</translation>
    </message>
    <message>
        <source>class evenness</source>
        <translation>类别均匀度</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <source>{count} epochs</source>
        <translation>{count} 轮</translation>
    </message>
    <message>
        <source>1 step</source>
        <translation>1 步</translation>
    </message>
    <message>
        <source>{count} steps</source>
        <translation>{count} 步</translation>
    </message>
    <message>
        <source>{epochs} and {steps}</source>
        <translation>{epochs}零{steps}</translation>
    </message>
    <message>
        <source>{status} after {progress} in {seconds} s ({speed} images/s).</source>
        <translation>{status}：{progress}，用时 {seconds} 秒（{speed} 张/秒）。</translation>
    </message>
    <message>
        <source>{status} after {progress} in {seconds} s.</source>
        <translation>{status}：{progress}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{figure}, up from {before}</source>
        <translation>{figure}，高于之前的 {before}</translation>
    </message>
    <message>
        <source>{figure}, down from {before}</source>
        <translation>{figure}，低于之前的 {before}</translation>
    </message>
    <message>
        <source>Epoch {epoch} of {epochs}: {figures}.</source>
        <translation>第 {epoch} 轮（共 {epochs} 轮）：{figures}。</translation>
    </message>
    <message>
        <source>{model} on {dataset}</source>
        <translation>{model}，数据集 {dataset}</translation>
    </message>
    <message>
        <source>The run did not finish: {reason} Change a setting and press Train again.</source>
        <translation>这次运行没有完成：{reason} 请修改设置后再按“训练”。</translation>
    </message>
    <message>
        <source>It works: the model got {right} of 100 images it had never seen right. Try it with your own drawing.</source>
        <translation>成功了：在 100 张从未见过的图像中，模型认对了 {right} 张。用你自己画的图试试吧。</translation>
    </message>
    <message>
        <source>Getting there: the model got {right} of 100 new images right. More epochs usually help; press Train again.</source>
        <translation>快成功了：在 100 张新图像中模型认对了 {right} 张。通常多训练几轮会有帮助；再按一次“训练”。</translation>
    </message>
    <message>
        <source>Not yet: the model got only {right} of 100 new images right. Train for more epochs or try another model.</source>
        <translation>还不行：在 100 张新图像中模型只认对了 {right} 张。多训练几轮，或换一个模型试试。</translation>
    </message>
    <message>
        <source>Done: the model now draws new images of its own. Look at them in the Gallery; the quality score there says how close they are to real ones (lower is better).</source>
        <translation>完成：模型现在能自己画出新图像了。到图库里看看；那里的质量分数表示它们与真实图像有多接近（越低越好）。</translation>
    </message>
    <message>
        <source>Done: the model learned to squeeze each image into a few numbers and rebuild it. Compare the originals and the rebuilt images in the Gallery.</source>
        <translation>完成：模型学会了把每张图像压缩成几个数字再重建出来。在图库中比较原图和重建图像。</translation>
    </message>
    <message>
        <source>1 image-drawing layer</source>
        <translation>1 个绘图层</translation>
    </message>
    <message>
        <source>{count} image-drawing layers</source>
        <translation>{count} 个绘图层</translation>
    </message>
    <message>
        <source>1 pattern-finding layer</source>
        <translation>1 个找图案的层</translation>
    </message>
    <message>
        <source>{count} pattern-finding layers</source>
        <translation>{count} 个找图案的层</translation>
    </message>
    <message>
        <source>1 memory layer</source>
        <translation>1 个记忆层</translation>
    </message>
    <message>
        <source>{count} memory layers</source>
        <translation>{count} 个记忆层</translation>
    </message>
    <message>
        <source>1 decision layer</source>
        <translation>1 个决策层</translation>
    </message>
    <message>
        <source>{count} decision layers</source>
        <translation>{count} 个决策层</translation>
    </message>
    <message>
        <source>{count} numbers to learn</source>
        <translation>{count} 个要学习的数</translation>
    </message>
    <message>
        <source>All {count} GPUs</source>
        <translation>全部 {count} 块 GPU</translation>
    </message>
    <message>
        <source>Computing image features (once per dataset)</source>
        <translation>正在计算图像特征（每个数据集一次）</translation>
    </message>
    <message>
        <source>{name} was not found.</source>
        <translation>找不到 {name}。</translation>
    </message>
    <message>
        <source>{name} is damaged or cut short; ask for the .kcrun file again.</source>
        <translation>{name} 已损坏或不完整；请重新索取这个 .kcrun 文件。</translation>
    </message>
    <message>
        <source>{name} holds {count} files; a run has at most {limit}.</source>
        <translation>{name} 包含 {count} 个文件；一个运行最多有 {limit} 个。</translation>
    </message>
    <message>
        <source>{name} is refused: the entry {entry} points outside the run folder.</source>
        <translation>{name} 被拒绝：条目 {entry} 指向运行文件夹之外。</translation>
    </message>
    <message>
        <source>{name} is refused: {entry} is a link or special file, not plain data.</source>
        <translation>{name} 被拒绝：{entry} 是链接或特殊文件，不是普通数据。</translation>
    </message>
    <message>
        <source>{name} is refused: {entry} is not weights, JSON, PNG or CSV, and could run code.</source>
        <translation>{name} 被拒绝：{entry} 不是权重、JSON、PNG 或 CSV，可能会运行代码。</translation>
    </message>
    <message>
        <source>{name} is refused: it unpacks to far more than a run could hold (a zip bomb?).</source>
        <translation>{name} 被拒绝：解压后远远超过一个运行应有的大小（zip 炸弹？）。</translation>
    </message>
    <message>
        <source>{name} is refused: it holds {entry} twice.</source>
        <translation>{name} 被拒绝：它包含两次 {entry}。</translation>
    </message>
    <message>
        <source>{name} is refused: {entry} is not the kind of file its name says.</source>
        <translation>{name} 被拒绝：{entry} 的内容与文件名所示的类型不符。</translation>
    </message>
    <message>
        <source>{name} is not a kc_desktop run: it lacks a readable config.json or model.safetensors.</source>
        <translation>{name} 不是 kc_desktop 运行：缺少可读取的 config.json 或 model.safetensors。</translation>
    </message>
    <message>
        <source>Stopped early after epoch {epoch}: the validation loss had not improved for {patience} epochs. Kept the weights of epoch {best} (the best).</source>
        <translation>在第 {epoch} 轮后提前停止：验证损失已连续 {patience} 轮没有改善。保留了第 {best} 轮（最佳）的权重。</translation>
    </message>
    <message>
        <source>Stopped after epoch {epoch}: another epoch would pass the time budget of {budget}. Kept the weights of epoch {best} (the best).</source>
        <translation>在第 {epoch} 轮后停止：再训练一轮将超出 {budget} 的时间预算。保留了第 {best} 轮（最佳）的权重。</translation>
    </message>
    <message>
        <source>At {seconds:.1f} s an epoch, {epochs} epochs fit the time budget of {budget}; the learning-rate schedule now ends there.</source>
        <translation>每轮 {seconds:.1f} 秒，{budget} 的时间预算可容纳 {epochs} 轮；学习率调度现在在那里结束。</translation>
    </message>
    <message>
        <source>about {n} s</source>
        <translation>约 {n} 秒</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>约 {n} 分钟</translation>
    </message>
    <message>
        <source>about {n} h {m} min</source>
        <translation>约 {n} 小时 {m} 分钟</translation>
    </message>
    <message>
        <source>{duration} on this CPU</source>
        <translation>在此 CPU 上{duration}</translation>
    </message>
    <message>
        <source>{duration} on this GPU</source>
        <translation>在此 GPU 上{duration}</translation>
    </message>
    <message>
        <source>One-cycle (warm up, then anneal)</source>
        <translation>单周期（先预热，再退火）</translation>
    </message>
    <message>
        <source>Cosine (anneal from the start)</source>
        <translation>余弦（从开始就退火）</translation>
    </message>
    <message>
        <source>Constant (off)</source>
        <translation>恒定（关闭）</translation>
    </message>
    <message>
        <source>Unknown learning-rate schedule {kind!r}; choose {names}.</source>
        <translation>未知的学习率调度 {kind!r}；请选择 {names}。</translation>
    </message>
    <message>
        <source>Unknown picture source {source_id!r}.</source>
        <translation>未知的画面来源 {source_id!r}。</translation>
    </message>
    <message>
        <source>Offline datasets: {names}.</source>
        <translation>离线数据集：{names}。</translation>
    </message>
    <message>
        <source>Image size must be {low} to {high} pixels, not {size}.</source>
        <translation>图像尺寸必须在 {low} 到 {high} 像素之间，而不是 {size}。</translation>
    </message>
    <message>
        <source>Unknown colour {colour!r}; choose auto, rgb or grey.</source>
        <translation>未知的颜色 {colour!r}；请选择 auto、rgb 或 grey。</translation>
    </message>
    <message>
        <source>Too few images ({total}) to make training, validation and test sets; add more images or lower the validation and test fractions.</source>
        <translation>图像太少（{total} 张），无法划分训练集、验证集和测试集；请添加更多图像，或降低验证集和测试集的比例。</translation>
    </message>
    <message>
        <source>Validation fraction must be at least 0 and below 1, not {value}.</source>
        <translation>验证集比例必须不小于 0 且小于 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>Test fraction must be at least 0 and below 1, not {value}.</source>
        <translation>测试集比例必须不小于 0 且小于 1，而不是 {value}。</translation>
    </message>
    <message>
        <source>Validation and test fractions together must stay below 1, or no image would be left for training.</source>
        <translation>验证集和测试集的比例之和必须小于 1，否则就没有图像可用于训练了。</translation>
    </message>
    <message>
        <source>The data has changed since this run was trained (it was trained on {name} with classes {classes}); its test images cannot be rebuilt.</source>
        <translation>自这次运行训练以来，数据已经改变（它是在 {name} 上训练的，类别为 {classes}）；无法重建它的测试图像。</translation>
    </message>
    <message>
        <source>other data</source>
        <translation>其他数据</translation>
    </message>
    <message>
        <source>This run expects {expected}-channel images but the data has {found}; its test images cannot be rebuilt.</source>
        <translation>这次运行需要 {expected} 通道的图像，但数据是 {found} 通道；无法重建它的测试图像。</translation>
    </message>
    <message>
        <source>These images are split differently from the run&apos;s own split (seed {seed}); scoring them could include images the model trained on.</source>
        <translation>这些图像的划分与这次运行自己的划分（种子 {seed}）不同；对它们评分可能会包含模型训练过的图像。</translation>
    </message>
    <message>
        <source>Only classifier runs can be evaluated on test images.</source>
        <translation>只有分类器的运行才能在测试图像上评估。</translation>
    </message>
    <message>
        <source>This run has no test images (its test fraction was 0).</source>
        <translation>这次运行没有测试图像（它的测试集比例为 0）。</translation>
    </message>
    <message>
        <source>Latent dimension {dim} does not exist; choose 0 to {last}.</source>
        <translation>潜在维度 {dim} 不存在；请选择 0 到 {last}。</translation>
    </message>
    <message>
        <source>Only VAE and DCGAN runs draw new samples to compare.</source>
        <translation>只有 VAE 和 DCGAN 的运行会生成新样本用于比较。</translation>
    </message>
    <message>
        <source>{name} is missing from {folder}.</source>
        <translation>{folder} 中缺少 {name}。</translation>
    </message>
    <message>
        <source>{name} is damaged (not valid JSON).</source>
        <translation>{name} 已损坏（不是有效的 JSON）。</translation>
    </message>
    <message>
        <source>{name} is not a kc_desktop checkpoint (safetensors) or is damaged.</source>
        <translation>{name} 不是 kc_desktop 的检查点（safetensors），或者已损坏。</translation>
    </message>
    <message>
        <source>{name} was not written by kc_desktop.</source>
        <translation>{name} 不是由 kc_desktop 写入的。</translation>
    </message>
    <message>
        <source>Give the run a name.</source>
        <translation>请给这次运行起个名字。</translation>
    </message>
    <message>
        <source>A run name cannot contain any of {characters} or control characters.</source>
        <translation>运行名称不能包含 {characters} 中的任何字符或控制字符。</translation>
    </message>
    <message>
        <source>A run name cannot start with a dot.</source>
        <translation>运行名称不能以点开头。</translation>
    </message>
    <message>
        <source>A run name cannot end with a dot.</source>
        <translation>运行名称不能以点结尾。</translation>
    </message>
    <message>
        <source>A run name can have at most {count} characters.</source>
        <translation>运行名称最多只能有 {count} 个字符。</translation>
    </message>
    <message>
        <source>A run named {name!r} already exists; choose another name.</source>
        <translation>名为 {name!r} 的运行已经存在；请换一个名字。</translation>
    </message>
    <message>
        <source>{name} is training now and cannot be renamed; stop it first.</source>
        <translation>{name} 正在训练，无法重命名；请先停止它。</translation>
    </message>
    <message>
        <source>{name} is training now and cannot be deleted; stop it first.</source>
        <translation>{name} 正在训练，无法删除；请先停止它。</translation>
    </message>
    <message>
        <source>{name} is not a run folder in {parent}.</source>
        <translation>{name} 不是 {parent} 中的运行文件夹。</translation>
    </message>
    <message>
        <source>{name} is not a run folder: {error}</source>
        <translation>{name} 不是运行文件夹：{error}</translation>
    </message>
    <message>
        <source>Could not create a new folder named {name} in {parent}.</source>
        <translation>无法在 {parent} 中新建名为 {name} 的文件夹。</translation>
    </message>
    <message>
        <source>{path} is not a run folder.</source>
        <translation>{path} 不是运行文件夹。</translation>
    </message>
    <message>
        <source>{name}/config.json is not a kc_desktop run config.</source>
        <translation>{name}/config.json 不是 kc_desktop 的运行配置。</translation>
    </message>
    <message>
        <source>A Fréchet distance needs at least two images per set.</source>
        <translation>Fréchet 距离要求每组至少有两张图像。</translation>
    </message>
    <message>
        <source>Pretrained networks need images of at least {size} pixels.</source>
        <translation>预训练网络需要至少 {size} 像素的图像。</translation>
    </message>
    <message>
        <source>The small CNN needs images of at least 10x10 pixels, not {size}.</source>
        <translation>小型 CNN 需要至少 10x10 像素的图像，而不是 {size}。</translation>
    </message>
    <message>
        <source>The folder CNN needs images of at least 16x16 pixels, not {size}.</source>
        <translation>文件夹 CNN 需要至少 16x16 像素的图像，而不是 {size}。</translation>
    </message>
    <message>
        <source>Generative models need an image side divisible by 4, not {size}.</source>
        <translation>生成模型需要图像边长能被 4 整除，而不是 {size}。</translation>
    </message>
    <message>
        <source>Learning rate set to {value} for the DCGAN: it needs a slower pace, or the judge and the generator stop learning from each other.</source>
        <translation>已为 DCGAN 将学习率设为 {value}：它需要更慢的节奏，否则判别器和生成器会无法互相学习。</translation>
    </message>
    <message>
        <source>Batch size back to your {value}.</source>
        <translation>批量大小已恢复为你设置的 {value}。</translation>
    </message>
    <message>
        <source>Learning rate back to your {value}.</source>
        <translation>学习率已恢复为你设置的 {value}。</translation>
    </message>
</context>
<context>
    <name>drop_area</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.ppm *.pgm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.ppm *.pgm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Drop image files here, click to choose, or paste (Ctrl+V)</source>
        <translation>把图像文件拖到这里，点击选择，或粘贴（Ctrl+V）</translation>
    </message>
    <message>
        <source>Drop a folder of images here (one subfolder per class), or click to choose one</source>
        <translation>把图像文件夹拖到这里（每个类别一个子文件夹），或点击选择</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no files to paste.</source>
        <translation>剪贴板中没有可粘贴的图像或文件。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The device ran out of memory. Try a smaller batch size or a smaller model, or train on the CPU.</source>
        <translation>设备内存不足。请尝试更小的批次大小或更小的模型，或在 CPU 上训练。</translation>
    </message>
    <message>
        <source>Permission denied: {value}. Choose another folder.</source>
        <translation>权限不足：{value}。请选择另一个文件夹。</translation>
    </message>
    <message>
        <source>cannot write there</source>
        <translation>无法写入那里</translation>
    </message>
    <message>
        <source>The disk is full. Free some space or choose another folder.</source>
        <translation>磁盘已满。请释放一些空间或选择另一个文件夹。</translation>
    </message>
    <message>
        <source>Unexpected error ({name}).</source>
        <translation>意外错误（{name}）。</translation>
    </message>
</context>
<context>
    <name>evaluation_view</name>
    <message>
        <source>Most confident mistakes first</source>
        <translation>最自信的错误优先</translation>
    </message>
    <message>
        <source>Least confident mistakes first</source>
        <translation>最不自信的错误优先</translation>
    </message>
    <message>
        <source>The evaluation on the test images appears here when training ends.</source>
        <translation>训练结束后，这里显示在测试图像上的评估。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>true {true_name} / pred {predicted} ({value:.0%})</source>
        <translation>真实 {true_name} / 预测 {predicted}（{value:.0%}）</translation>
    </message>
    <message>
        <source>, showing the first {shown}</source>
        <translation>，显示前 {shown} 个</translation>
    </message>
</context>
<context>
    <name>gallery_tab</name>
    <message>
        <source>&lt;h2&gt;Gallery&lt;/h2&gt;&lt;p&gt;Nothing to show yet.&lt;/p&gt;&lt;p&gt;The gallery shows the pictures a &lt;b&gt;generative model&lt;/b&gt; makes while it learns: choose Autoencoder, VAE or DCGAN on the Model tab and train it, or open a saved generative run from the Classify tab (File → Open saved run).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;图库&lt;/h2&gt;&lt;p&gt;还没有可显示的内容。&lt;/p&gt;&lt;p&gt;图库展示&lt;b&gt;生成模型&lt;/b&gt;在学习过程中画出的图片：在“模型”页选择自编码器、VAE 或 DCGAN 并训练它，或从“分类”页打开已保存的生成模型运行（文件 → 打开已保存的运行）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Available once the model is saved: when training ends, or after you open a saved VAE or DCGAN run.</source>
        <translation>模型保存后可用：训练结束时，或打开已保存的 VAE 或 DCGAN 运行之后。</translation>
    </message>
    <message>
        <source>Interpolation needs a VAE or a DCGAN: their latent space is shaped so that every point on the line between two random points decodes to a plausible image.</source>
        <translation>插值需要 VAE 或 DCGAN：它们的潜在空间使两个随机点连线上的每一点都能解码成合理的图像。</translation>
    </message>
    <message>
        <source>Pick two random points in the latent space and decode 10 evenly spaced points on the line between them. Each click shows a new pair.</source>
        <translation>在潜在空间中随机取两个点，并解码它们连线上 10 个均匀分布的点。每次点击显示一对新的点。</translation>
    </message>
</context>
<context>
    <name>image_grid</name>
    <message>
        <source>No images yet.</source>
        <translation>还没有图像。</translation>
    </message>
</context>
<context>
    <name>language_menu</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language of the window</source>
        <translation>窗口使用的语言</translation>
    </message>
    <message>
        <source>The new language applies after a restart: a run is training or not saved yet.</source>
        <translation>新语言将在重启后生效：有运行正在训练或尚未保存。</translation>
    </message>
</context>
<context>
    <name>latent_traversal</name>
    <message>
        <source>Latent traversal needs a saved VAE run (train one, or open one).</source>
        <translation>潜在遍历需要一个已保存的 VAE 运行（训练一个，或打开一个）。</translation>
    </message>
    <message>
        <source>Each latent number of the VAE is one knob of the picture. Choose a number and slide it: numbers the model uses change the image, numbers it switched off change nothing.</source>
        <translation>VAE 的每个潜在变量都是图片的一个旋钮。选择一个变量并拖动它：模型用到的变量会改变图像，被关闭的变量什么也不改变。</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>kc_desktop — deep-learning studio</source>
        <translation>kc_desktop — 深度学习工作室</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>&lt;table&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Train&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause / resume&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Stop (keeps what was trained)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Go to a tab&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Show / hide the saved runs (open, rename, delete, compare)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open an image folder&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a saved run&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Save the model (copy the run folder)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export the gallery as PNG&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Paste an image to classify (Classify tab)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;训练&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;暂停 / 继续&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;停止（保留已训练的内容）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 … Ctrl+5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;转到某个标签页&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示 / 隐藏已保存的运行（打开、重命名、删除、比较）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打开图像文件夹&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;打开已保存的运行&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+S&lt;/b&gt;&lt;/td&gt;&lt;td&gt;保存模型（复制运行文件夹）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;把图库导出为 PNG&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;粘贴要分类的图像（分类页）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退出&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>nearest_panel</name>
    <message>
        <source>Available for a saved VAE or DCGAN run: when training ends, or after you open one.</source>
        <translation>适用于已保存的 VAE 或 DCGAN 运行：训练结束时，或打开一个之后。</translation>
    </message>
    <message>
        <source>Draw 16 samples and put each beside the training image closest to it (pixel distance). Samples much closer than real unseen images are to the training set look like copies.</source>
        <translation>生成 16 个样本，并把每个样本放在离它最近的训练图像旁边（像素距离）。如果样本离训练集比未见过的真实图像近得多，就像是副本。</translation>
    </message>
</context>
<context>
    <name>quality_panel</name>
    <message>
        <source>generated images</source>
        <translation>生成的图像</translation>
    </message>
    <message>
        <source>real images (the best possible)</source>
        <translation>真实图像（最好的可能）</translation>
    </message>
    <message>
        <source>No quality scores for this run: they are computed after each epoch of a VAE or DCGAN when “Score samples each epoch” is ticked on the Model tab.</source>
        <translation>这次运行没有质量得分：只有在“模型”页勾选了“每轮为样本评分”时，VAE 或 DCGAN 才会在每轮结束后计算得分。</translation>
    </message>
    <message>
        <source>Lower is better: the distance between features of generated and real training images, measured by a classifier trained on the same data (like FID). Coverage: how many classes the samples are recognised as, and how evenly (1 = all equally often).</source>
        <translation>越低越好：生成图像与真实训练图像在特征上的距离，由在同一数据上训练的分类器测量（类似 FID）。覆盖：样本被识别为多少个类别，以及分布有多均匀（1 = 各类同样频繁）。</translation>
    </message>
</context>
<context>
    <name>runs_table</name>
    <message>
        <source>{epochs_done} of {epochs}</source>
        <translation>{epochs_done} / {epochs}</translation>
    </message>
    <message>
        <source>{count} numbers</source>
        <translation>{count} 个数</translation>
    </message>
    <message>
        <source>KL weight {beta:g}</source>
        <translation>KL 权重 {beta:g}</translation>
    </message>
    <message>
        <source> (val)</source>
        <translation>（验证）</translation>
    </message>
    <message>
        <source>G {loss:.4g} · D {d_loss:.4g}</source>
        <translation>G {loss:.4g} · D {d_loss:.4g}</translation>
    </message>
    <message>
        <source>{text} (val)</source>
        <translation>{text}（验证）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The run&apos;s folder name</source>
        <translation>运行的文件夹名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>When the run was started</source>
        <translation>运行开始的时间</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Test accuracy of a classifier (validation accuracy while a run is unfinished)</source>
        <translation>分类器的测试准确率（运行未完成时为验证准确率）</translation>
    </message>
    <message>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>Test loss (a GAN: generator and discriminator losses of the last epoch)</source>
        <translation>测试损失（GAN：最后一轮的生成器和判别器损失）</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Epochs trained (of those planned, when the run ended early)</source>
        <translation>已训练的轮数（提前结束时显示计划的轮数）</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Code size · KL weight</source>
        <translation>编码大小 · KL 权重</translation>
    </message>
    <message>
        <source>How many numbers a generative model squeezes each image into (latent size z) and, for a VAE, how strongly it keeps them tidy (KL weight β)</source>
        <translation>生成模型把每张图像压缩成多少个数（潜在维度 z），以及对变分自编码器而言，它保持这些数整齐的力度（KL 权重 β）</translation>
    </message>
</context>
<context>
    <name>saliency_panel</name>
    <message>
        <source>Red = pixels that pushed the model towards its answer.</source>
        <translation>红色 = 推动模型得出答案的像素。</translation>
    </message>
    <message>
        <source>Classify an image or draw a digit to see which pixels drove the answer.</source>
        <translation>分类一张图像或画一个数字，看看哪些像素决定了答案。</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>未完成</translation>
    </message>
</context>
</TS>

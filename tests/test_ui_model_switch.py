"""Switching models in the Model tab keeps the person's values, or says what it changed."""

from __future__ import annotations

import pytest

from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.models.switching import settings_for
from kc_desktop.ui.model.model_tab import ModelTab


@pytest.fixture
def tab(qtbot) -> ModelTab:
    widget = ModelTab()
    qtbot.addWidget(widget)
    widget.select_model("small-cnn")
    return widget


def _values(tab: ModelTab) -> tuple:
    return (
        tab.epochsSpin.value(),
        tab.batchSizeSpin.value(),
        tab.learningRateSpin.value(),
        tab.optimizerCombo.currentData(),
        tab.seedSpin.value(),
        tab.betaSpin.value(),
    )


def test_values_the_person_set_survive_a_model_switch(tab: ModelTab) -> None:
    tab.epochsSpin.setValue(7)
    tab.batchSizeSpin.setValue(48)
    tab.learningRateSpin.setValue(0.004)
    tab.optimizerCombo.setCurrentIndex(tab.optimizerCombo.findData("sgd"))
    tab.seedSpin.setValue(5)
    tab.betaSpin.setValue(2.5)
    chosen = _values(tab)
    for model in ("mlp", "folder-cnn", "vae", "small-cnn"):
        tab.select_model(model)
        assert tab.model_id == model
        assert _values(tab) == chosen, model
        assert tab.modelChangesLabel.isHidden()  # nothing changed, nothing to say


def test_untouched_settings_follow_each_models_usual_values_quietly(tab: ModelTab) -> None:
    tab.epochsSpin.setValue(9)
    tab.select_model("folder-cnn")
    assert (tab.batchSizeSpin.value(), tab.learningRateSpin.value()) == (32, 0.0005)
    assert tab.epochsSpin.value() == 9
    assert tab.modelChangesLabel.isHidden()


def test_untouched_augmentation_follows_each_models_default(tab: ModelTab) -> None:
    assert tab.shiftCheck.isChecked()  # the small CNN shifts its digits by default
    tab.select_model("mlp")
    assert not tab.shiftCheck.isChecked()
    tab.flipCheck.setChecked(True)  # the person's own switch
    tab.select_model("small-cnn")
    assert tab.shiftCheck.isChecked() and tab.flipCheck.isChecked()
    tab.shiftCheck.setChecked(False)
    tab.select_model("mlp")
    tab.select_model("small-cnn")
    assert not tab.shiftCheck.isChecked() and tab.flipCheck.isChecked()


def test_a_model_that_needs_another_value_says_which_it_changed_and_why(
    tab: ModelTab,
) -> None:
    tab.learningRateSpin.setValue(0.004)
    tab.batchSizeSpin.setValue(100)
    tab.select_model("dcgan")
    assert tab.learningRateSpin.value() == 0.0002 and tab.batchSizeSpin.value() == 100
    assert not tab.modelChangesLabel.isHidden()
    assert tab.modelChangesLabel.text() == (
        "Learning rate set to 0.0002 for the DCGAN: it needs a slower pace, or the judge "
        "and the generator stop learning from each other."
    )
    assert tab.config(_digits()).lr == 0.0002
    tab.select_model("small-cnn")  # the person's own value comes back, and it says so
    assert tab.learningRateSpin.value() == 0.004
    assert tab.modelChangesLabel.text() == "Learning rate back to your 0.004."
    tab.select_model("mlp")
    assert tab.modelChangesLabel.isHidden()


def test_the_switching_rules_keep_chosen_values_and_cap_the_dcgans_pace() -> None:
    dcgan, cnn = get_model_spec("dcgan"), get_model_spec("small-cnn")
    shown = {"batch_size": 64, "lr": 0.001}
    assert settings_for(cnn, shown, {"lr": 0.001}) == []
    (change,) = settings_for(dcgan, shown, {})
    assert (change.name, change.value) == ("lr", 0.0002) and "slower pace" in change.text()
    assert settings_for(dcgan, shown, {"lr": 0.0001})[0].text() == (
        "Learning rate back to your 0.0001."
    )
    quiet = settings_for(get_model_spec("folder-cnn"), shown, {})
    assert [(c.name, c.value, c.text()) for c in quiet] == [
        ("batch_size", 32, ""),
        ("lr", 0.0005, ""),
    ]


def _digits():
    from kc_desktop.core.data.registry import load_dataset

    return load_dataset("digits")

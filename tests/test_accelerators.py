import pytest

from gridwise.accelerators import canonical_accelerator, get_accelerator, load_accelerators
from gridwise.errors import UnknownNameError


@pytest.mark.parametrize("spelling,name", [
    ("a100 80gb", "A100-80GB"), ("H100-MEGA", "H100"), ("4090", "RTX4090"),
    ("V100M32", "V100-32GB"), ("Trillium", "TPU-v6e"), ("rtx a6000", "A6000"),
])
def test_aliases(spelling: str, name: str) -> None:
    assert canonical_accelerator(spelling) == name


def test_unknown_suggests() -> None:
    with pytest.raises(UnknownNameError) as info:
        canonical_accelerator("H1000")
    assert "H100" in info.value.suggestions


def test_every_row_has_a_source_and_sane_numbers() -> None:
    accs = load_accelerators()
    assert len(accs) >= 30
    for acc in accs.values():
        assert acc.source, acc.name
        assert 4 <= acc.memory_gb <= 300, acc.name
        assert acc.power_w is None or 50 <= acc.power_w <= 1200, acc.name
    assert get_accelerator("H100").peak_tflops_bf16 == pytest.approx(989.4)

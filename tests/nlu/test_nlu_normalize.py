"""normalize(): NFKC, pinyin annotations stripped (with the survivors), Traditional to Simplified."""

from __future__ import annotations

import pytest

from dialogs.nlu import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３４５ＡＢＣ，！", "12345ABC,!"),  # full-width digits, letters, punctuation
        ("網(wǎng)", "网"),
        ("網（wǎng）絡", "网络"),  # full-width parentheses become ASCII first, then the group goes
        ("我失(shī)业(yè)了", "我失业了"),
        ("好(hǎo) 的(de)", "好 的"),  # neutral-tone syllables count as pinyin
        ("措施(一)", "措施(一)"),
        ("工作(3年)", "工作(3年)"),
        ("下载(app)", "下载(app)"),
        ("廠子倒閉了", "厂子倒闭了"),
        ("沒簽合同", "没签合同"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_order_pinyin_before_t2s() -> None:
    # The annotation must go while the Han character is still Traditional and adjacent to it.
    assert normalize("國(guó)務(wù)院") == "国务院"

"""Does the self-rating, saved before and after the course, speak in the statements' words?"""

from __future__ import annotations

import html
import re

from hrdtrain import self_assessment
from hrdtrain.questionnaire import questionnaire


def visible(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_the_after_rating_compares_statement_by_statement_in_words_not_internal_ids():
    before = self_assessment("before")
    before.ratings["use-of-force-statements"].value = 2
    before.ratings["whom-to-approach"].value = 3
    before.save_button.click()
    after = self_assessment("after")
    after.ratings["use-of-force-statements"].value = 4
    after.ratings["whom-to-approach"].value = 3
    after.save_button.click()
    seen = visible(after.status.value)
    texts = {s["id"]: s["text"] for s in questionnaire()["statements"]}
    assert f"{texts['use-of-force-statements']} 2 → 4" in seen
    assert f"{texts['whom-to-approach']} 3 → 3" in seen
    assert "use-of-force-statements" not in after.status.value and "whom-to-approach" not in after.status.value

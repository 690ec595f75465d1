"""Session 12 additions to the matrix: clocks named with their word, deadline nouns.

`CLOCK_FORMS`: "klo 16", "kl. 12", "u 20 sati" are clocks ("at 16:00"), not run lengths;
a number that is no hour, or a size, stays. Deadline nouns ("määräaika", "rok je",
"frist:") govern the day after them as "by".
"""

from __future__ import annotations

import pytest

from agents.intake.pivot import pivot_rewrite


@pytest.mark.parametrize(("text", "want"), [
    ("valmis perjantaina klo 16", "Friday at 16:00"),
    ("klo 9.30 aamulla", "at 9:30"),
    ("færdig torsdag kl. 12 dansk tid", "Thursday at 12:00"),
    ("ferdig fredag klokka 8", "Friday at 8:00"),
    ("klar fredag klockan 14:30", "Friday at 14:30"),
    ("subota u 20 sati po zagrebačkom vremenu", "Saturday at 20:00"),
    ("petak u 17h", "Friday at 17:00"),
    ("у 9 сати у петак", "at 9:00"),
])
def test_a_clock_word_names_a_clock(text: str, want: str) -> None:
    assert want in pivot_rewrite(text)[0]


@pytest.mark.parametrize(("text", "want"), [
    ("treniraj 20 sati na A100", "20 hours"),  # no "u": a run length
    ("kl. 12.5 GB", "kl. 12.5 GB"),  # a size, not a clock
    ("kl 123 rows", "kl 123 rows"),  # no hour
    ("run on a cluster at klo tomorrow", "at klo tomorrow"),  # no number
])
def test_look_alikes_are_no_clock(text: str, want: str) -> None:
    out = pivot_rewrite(text)[0]
    assert want in out
    assert ":00" not in out


@pytest.mark.parametrize(("text", "want"), [
    ("Määräaika perjantaina.", "by Friday"),
    ("Rok je subota.", "by Saturday"),
    ("Рок је петак.", "by Friday"),
    ("Frist: fredag.", "by Friday"),
    ("Határidő: péntek.", "by Friday"),
    ("Termini: dilluns.", "by Monday"),
    ("Tarikh akhir Jumaat.", "by Friday"),
    ("10 päivän kuluessa", "within 10 days"),
])
def test_a_deadline_noun_governs_its_day(text: str, want: str) -> None:
    assert want in " ".join(pivot_rewrite(text)[0].split())


@pytest.mark.parametrize("text", [
    "the rok library on Friday", "a frist step on Monday", "termini of the contract"])
def test_deadline_look_alikes_stay(text: str) -> None:
    assert "by " not in pivot_rewrite(text)[0]

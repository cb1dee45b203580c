"""Is a question written in words a child of 8 understands? Pure, no Django.

Plain-English guidance for children (the Plain English Campaign; the Children's Commissioner's
child-friendly publications) comes down to: short sentences, short everyday words, no jargon.
The check here measures that with the Flesch-Kincaid grade level (US school grade; add 5 for the
reading age in years) and a list of words children's services use that children do not.
A child of 8 reads at about grade 3.
"""

import re

#: Grade 3 is a reading age of 8.
MAX_GRADE = 3.0
MAX_WORDS = 12
#: Professional words that belong in the parents' questionnaire, never the children's.
JARGON = frozenset(
    {
        "conference",
        "core",
        "assessment",
        "section",
        "enquiry",
        "safeguarding",
        "agency",
        "agencies",
        "professional",
        "professionals",
        "protection",
        "outcome",
        "facilitated",
        "advocate",
        "appropriate",
        "respect",
    }
)

_WORD = re.compile(r"[A-Za-z']+")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Syllables in an English word, by vowel groups (a silent final e does not count)."""
    w = word.lower().strip("'")
    if not w:
        return 0
    if len(w) > 3 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        w = w[:-1]
    return max(1, len(_VOWELS.findall(w)))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59."""
    found = words(text)
    if not found:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?]+", text.strip())) or 1)
    per_sentence = len(found) / sentences
    per_word = sum(syllables(w) for w in found) / len(found)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def problems(text: str) -> list[str]:
    """What makes `text` too hard for a child of 8; empty when it is fine."""
    found = words(text)
    out = []
    if len(found) > MAX_WORDS:
        out.append(f"{len(found)} words: keep it to {MAX_WORDS} or fewer")
    hard = sorted({w.lower() for w in found} & JARGON)
    if hard:
        out.append("words children's services use but children do not: " + ", ".join(hard))
    level = grade(text)
    if level > MAX_GRADE:
        out.append(f"reading grade {level} (reading age {level + 5:.0f}): aim for grade {MAX_GRADE:.0f} or below")
    return out

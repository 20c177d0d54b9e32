"""How easy a text is to read: an advisory guide for writers, never a reason to refuse a save.

Reading ease and grade use the Flesch and Flesch-Kincaid formulas. Syllables come from
Pyphen's hyphenation dictionary (the fallback textstat itself uses); textstat is not used
because its current releases download a dictionary from the internet on first use.
"""

import html
import re
from dataclasses import dataclass
from functools import cache

import pyphen
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.views.decorators.http import require_POST

# A slow, careful reading pace, so the estimate suits everyone, not only fast readers.
WORDS_PER_MINUTE = 200
# NHS guidance: health content should suit a reading age of about 9 to 11.
TARGET_READING_AGE = 11
# English school grades start at age 5 more than US grades.
UK_AGE_OFFSET = 5

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Headings, list items and paragraphs end a sentence even without a full stop.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|td|th)>|<br\s*/?>", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


@cache
def _dictionary():
    return pyphen.Pyphen(lang="en_US")


def syllables(word):
    return len(_dictionary().positions(word.lower())) + 1


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @classmethod
    def of_html(cls, markup):
        text = html.unescape(strip_tags(BLOCK_END.sub("\n", markup or "")))
        sentences = [s for s in SENTENCE_END.split(text) if WORD.search(s)]
        words = WORD.findall(text)
        return cls(
            words=len(words),
            sentences=len(sentences),
            syllables=sum(syllables(word) for word in words),
        )

    @property
    def reading_minutes(self):
        return max(1, round(self.words / WORDS_PER_MINUTE))

    @property
    def flesch_reading_ease(self):
        """0 (very hard) to 100 (very easy); plain English scores 60 or more."""
        score = 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words
        return round(min(100, max(0, score)))

    @property
    def reading_age(self):
        """The age in years of a UK reader who could follow it (Flesch-Kincaid grade + 5)."""
        grade = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return max(UK_AGE_OFFSET + 1, round(grade + UK_AGE_OFFSET))

    @property
    def reading_age_label(self):
        # Beyond school age the formula's number stops meaning anything more precise.
        return "over 18" if self.reading_age > 18 else str(self.reading_age)

    @property
    def verdict(self):
        if self.reading_age <= TARGET_READING_AGE:
            return "Easy to read for most people."
        if self.reading_age <= 14:
            return "Fairly hard. Shorter sentences and everyday words would help more people."
        return (
            "Hard to read for many people. Split long sentences, and use short everyday "
            "words in place of long or technical ones, or explain them."
        )


def admin_summary(markup):
    """The readability panel on an edit form."""
    readability = Readability.of_html(markup)
    return render_to_string(
        "admin/includes/readability.html",
        {
            "readability": readability if readability.words else None,
            "target": TARGET_READING_AGE,
        },
    )


@require_POST
def readability_panel(request):
    """The panel for text still being written, so the edit form can refresh it."""
    return HttpResponse(admin_summary(request.POST.get("body", "")))

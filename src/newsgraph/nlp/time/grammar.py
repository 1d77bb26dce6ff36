"""The time-expression grammar: lexicon + patterns from data files, compiled once.

The patterns live in ``data/timex/patterns.yaml`` and the words they are made of
in ``data/timex/lexicon.yaml``, so a user can add a holiday or a unit without
touching code. Everything is compiled when the module is first used; matching a
text is then one ``finditer`` per rule and a longest-match selection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from newsgraph.errors import NewsgraphError
from newsgraph.nlp.time.numbers import compound_pattern, spelled_year_pattern

#: Left and right edges every rule gets: no match inside a word, a number, an
#: amount or a code ("$2019", "2,019", "60%", "123°", "A380").
LEFT_EDGE = r"(?<![\w$€£¥#@/&])(?<!\d[.,])(?<![A-Za-z]-)"
RIGHT_EDGE = r"(?![\w%°€£$])(?![.,]\d)"
#: How far before/after a trigger word an expression may reach ("the very end of ...").
WINDOW_BEFORE = 35
WINDOW_AFTER = 25


@dataclass(frozen=True)
class Rule:
    name: str
    resolver: str
    regex: re.Pattern
    needs: frozenset = frozenset()  # trigger kinds; empty = run everywhere


@dataclass
class Candidate:
    """One stretch of text a rule matched, before it is resolved."""

    start: int
    end: int
    rule: str
    resolver: str
    groups: dict


def _load_yaml(name: str) -> dict:
    path = resources.files("newsgraph") / "data" / "timex" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise NewsgraphError(f"Cannot read time-expression data file {name}: {exc}") from None


def _alternation(words, case_sensitive: bool = False) -> str:
    """Longest-first alternation of phrases; spaces match any whitespace."""
    parts = []
    for word in sorted({str(w) for w in words}, key=len, reverse=True):
        parts.append(re.escape(word).replace(r"\ ", r"\s+"))
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _trie_pattern(words) -> str:
    """An alternation of ``words`` with shared prefixes factored out ("week(?:end)?"):
    the regex engine tries one branch per letter instead of every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return f"(?:{emit(trie)})"


def _capitalised(words) -> list[str]:
    out = []
    for word in words:
        out.append(" ".join(w[:1].upper() + w[1:] for w in word.split(" ")))
        out.append(word.upper())
    return out


class Lexicon:
    """The lexicon as Python maps, plus the macros patterns are written with."""

    def __init__(self, data: dict):
        self.data = data
        self.numbers = {k: float(v) for k, v in data["numbers"].items()}
        self.vague = set(data["vague_numbers"])
        self.ordinals = data["ordinals"]
        self.months = data["months"]
        self.ambiguous_months = set(data["ambiguous_months"])
        self.weekdays = data["weekdays"]
        self.seasons = data["seasons"]
        self.parts_of_day = data["parts_of_day"]
        self.units = data["units"]
        self.unit_plurals = data["unit_plurals"]
        self.deictic_days = data["deictic_days"]
        self.references = data["references"]
        self.relative_words = data["relative_words"]
        self.modifiers = data["modifiers"]
        self.set_words = data["set_words"]
        self.holidays = data.get("holidays", {})
        self.story_framing = frozenset(data.get("story_framing", []))
        self.possessives = frozenset(data.get("possessives", []))
        self.forward_verbs = frozenset(data.get("forward_verbs", []))
        self.planning_verbs = frozenset(data.get("planning_verbs", []))
        self.completed_events = frozenset(data.get("completed_events", []))
        self.event_families: dict[str, frozenset] = {}
        for name, words in data.get("event_families", {}).items():
            for word in words:
                self.event_families[word.lower()] = self.event_families.get(word.lower(), frozenset()) | {name}
        self.fixed_durations = data["fixed_durations"]
        self.count_nouns = set(data["count_nouns"])
        self.number_prefixes = set(data["number_prefixes"])
        self.street_words = set(data["street_words"])

    def trigger_kinds(self) -> tuple[dict[str, set], dict[str, set]]:
        """Words one of which every time expression contains, with their kinds.

        Returns (plain words, names); names (months, weekdays, holidays) count only
        when capitalised, as in the rules. A rule's ``needs`` in patterns.yaml lists
        the kinds it cannot match without; digits are the kind "digit".
        """
        plain: dict[str, set] = {}
        names: dict[str, set] = {}

        def add(table, kind, words):
            for word in words:
                table.setdefault(word.lower().rstrip("."), set()).add(kind)

        add(plain, "setword", self.set_words)
        add(plain, "deictic", self.deictic_days)
        add(plain, "ref", (w.split()[-1] for w in self.references))
        add(plain, "season", self.seasons)
        add(plain, "pod", self.parts_of_day)
        add(plain, "extra", self.data.get("extra_triggers", []))
        add(plain, "unit", list(self.units) + [u + "s" for u in self.units] + list(self.unit_plurals))
        add(plain, "unit", (w.split()[-1] for w in self.fixed_durations))
        add(names, "month", self.months)
        add(names, "weekday", self.weekdays)
        add(names, "weekday", (w + "s" for w in self.weekdays))
        add(names, "holiday", (w.split()[0] for w in self.holidays))
        return plain, names

    def trigger_pattern(self) -> str:
        plain, names = self.trigger_kinds()
        return (rf"\b(?:\d+|(?-i:{_trie_pattern(_capitalised(names))})\b"
                rf"|{_trie_pattern(plain)}\b)")

    def macros(self) -> dict[str, str]:
        month_words = []
        for name in self.months:
            if len(name) <= 4 and name not in ("may", "june", "july"):
                month_words.append(name + ".")  # abbreviations need their dot
                if name == "sept":
                    month_words.append(name)
            else:
                month_words.append(name)
        units = list(self.units)
        plurals = [u + "s" for u in units if u not in ("century", "millennium")]
        plurals += list(self.unit_plurals)
        ordinal_words = [w for w in self.ordinals if self.ordinals[w] > 0]
        modp = (r"(?P<modp>(?:(?:the\s+)?(?:end|beginning|start|middle|turn|close)\s+of\s+(?:the\s+)?"
                r"|(?:early|late|mid|earlier|later)(?:\s+in\s+(?:the\s+)?|\s+|-))?)")
        return {
            "SPELLEDYEAR": spelled_year_pattern(self.numbers),
            "MONTH": _alternation(_capitalised(month_words), case_sensitive=True),
            "WEEKDAY": _alternation(_capitalised(self.weekdays), case_sensitive=True),
            "HOLIDAY": _alternation(_capitalised(self.holidays), case_sensitive=True),
            "SEASON": _alternation(self.seasons),
            "POD": _alternation(self.parts_of_day),
            "NUM": compound_pattern(self.numbers) + "|" + _alternation(self.numbers) + r"|\d{1,3}(?:\.\d+)?",
            "VAGUE": _alternation(self.vague),
            "UNIT": _alternation(units),
            "UNITS": _alternation(plurals),
            "ORD": _alternation(ordinal_words) + r"|\d{1,2}(?:st|nd|rd|th)",
            "YEAR": r"(?:1\d\d\d|20\d\d)",  # before 1600 only where resolve.year allows it
            "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
            "QMOD": _alternation(self.data["quantity_modifiers"]),
            "REF": _alternation(self.references),
            "SETWORD": _alternation(self.set_words),
            "FIXED": _alternation(self.fixed_durations),
            "TZ": _alternation(self.data["time_zones"], case_sensitive=True),
            "MODP": modp,
        }


def _single_line(pattern: str) -> str:
    """``\\s`` in a pattern never crosses a line break: an expression stays in its paragraph."""
    pieces = re.split(r"(\[(?:\\.|[^\]])*\])", pattern)
    out = []
    for i, piece in enumerate(pieces):
        out.append(piece.replace(r"\s", r" \t\u00a0" if i % 2 else r"[^\S\n]"))
    return "".join(out)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    def sub(match: re.Match) -> str:
        name = match.group(1)
        if name not in macros:
            raise NewsgraphError(f"patterns.yaml: unknown macro {{{name}}}")
        return macros[name]

    return re.sub(r"\{([A-Z]+)\}", sub, pattern)


class Grammar:
    """All rules, compiled; ``candidates(text)`` gives the selected matches."""

    def __init__(self, lexicon: Lexicon, rules: list[dict]):
        self.lexicon = lexicon
        macros = lexicon.macros()
        self.rules: list[Rule] = []
        for spec in rules:
            body = _single_line(_expand(spec["pattern"], macros))
            source = f"(?x){LEFT_EDGE}(?:{body}){RIGHT_EDGE}"
            try:
                regex = re.compile(source, re.IGNORECASE)
            except re.error as exc:
                raise NewsgraphError(f"patterns.yaml rule {spec['name']!r}: {exc}") from None
            self.rules.append(Rule(spec["name"], spec["resolver"], regex,
                                   frozenset(spec.get("needs", []))))
        self.trigger = re.compile(lexicon.trigger_pattern(), re.IGNORECASE)
        plain, names = lexicon.trigger_kinds()
        self.trigger_kinds = {**plain}
        for word, kinds in names.items():
            self.trigger_kinds[word] = self.trigger_kinds.get(word, set()) | kinds

    def windows(self, text: str) -> list[tuple[int, int, set]]:
        """Stretches of text around trigger words, with the kinds of trigger in each.

        No expression lies outside them, and a rule runs only where its trigger
        kind occurs, so the grammar's cost follows the time words of a text
        rather than its length.
        """
        spans: list[list] = []
        n = len(text)
        for match in self.trigger.finditer(text):
            start = max(0, match.start() - WINDOW_BEFORE)
            end = min(n, match.end() + WINDOW_AFTER)
            while end < n and not text[end].isspace():
                end += 1
            word = match.group()
            kinds = {"digit"} if word[0].isdigit() else self.trigger_kinds.get(word.lower(), set())
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
                spans[-1][2].update(kinds)
            else:
                spans.append([start, end, set(kinds)])
        return [(a, b, kinds) for a, b, kinds in spans]

    def candidates(self, text: str, accept=None) -> list[Candidate]:
        """Every rule's matches, then the longest non-overlapping ones, in order.

        ``accept(candidate) -> bool`` lets the caller veto a match (context says it
        is not a time expression) so that a shorter one under it can still win.
        """
        found: list[tuple[int, int, int, Rule, re.Match]] = []
        windows = self.windows(text)
        for priority, rule in enumerate(self.rules):
            spans = [(a, b) for a, b, kinds in windows if not rule.needs or rule.needs & kinds]
            for match in (m for a, b in spans for m in rule.regex.finditer(text, a, b)):
                start, end = match.span()
                # Leading/trailing spaces can sneak in through optional groups.
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    found.append((start, end, priority, rule, match))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
        taken: list[tuple[int, int]] = []
        chosen: list[Candidate] = []
        for start, end, _, rule, match in found:
            if any(start < e and s < end for s, e in taken):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            candidate = Candidate(start, end, rule.name, rule.resolver, groups)
            if accept is not None and not accept(candidate):
                continue
            taken.append((start, end))
            chosen.append(candidate)
        chosen.sort(key=lambda c: c.start)
        return chosen


@lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """The grammar from the packaged data files (compiled once per process)."""
    data = _load_yaml("lexicon.yaml")
    data["holidays"] = _load_yaml("holidays.yaml")["holidays"]
    lexicon = Lexicon(data)
    return Grammar(lexicon, _load_yaml("patterns.yaml")["rules"])

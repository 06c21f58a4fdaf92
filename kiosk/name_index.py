"""The kiosk's name search: an in-memory index of folded names, forgiving and hard to harvest.

``CheckinService.search`` is its one caller. The index holds, per active person, the folded
words of the name (``kiosk.names.fold``: æ→ae, ø/oe→o, å/aa→a), plus each double name joined
("Anne-Lise" also as "annelise"), and answers a query by matching every query word against the
start of some name word, in any order ("Nordmann Kari"); query words of four letters or more
may also carry typos, scored by rapidfuzz's optimal-string-alignment distance (a swap of two
letters is one edit) against name words cut to the query word's length (a partial word with a
typo still matches).

It must not be a browsable directory (``MAX_RESULTS``, and the rules in ``_search``):
- two letters find only a name word of exactly those two letters ("Bo", "Li"), three only the
  start of a name word, and either only when at most ``MAX_RESULTS`` people match; otherwise
  the answer is "type more" with nobody in it;
- a fuzzy match is kept only when it scores near the best match of the query (a score
  cut-off), so a typo does not widen the list once the right name is found.

Thread safety: the index is an immutable snapshot swapped whole; the sync thread builds the
next one (``update``) while the GUI thread searches the current one.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kiosk.names import fold, words

MIN_LETTERS = 2  # below this, nothing
PREFIX_LETTERS = 3  # from here on, the start of a name word matches
FUZZY_LETTERS = 4  # from here on, typos are forgiven and more than MAX_RESULTS may match
MAX_RESULTS = 5
MAX_QUERY_CHARS = 100
BIG_UPDATE = 2_000  # people changed at once that rebuild the index rather than patch it
_CUT_TO = 12  # fuzzy matching compares at most this many letters of a word
# Score of one query word against one name word.
_EXACT, _PREFIX, _FUZZY = 100, 90, 80
_TYPO_COST = 15
_KEEP_WITHIN = 20  # a result must score within this of the best result


def typos_allowed(letters: int) -> int:
    """Edits forgiven in a query word of ``letters`` letters."""
    if letters < FUZZY_LETTERS:
        return 0
    return 1 if letters < 7 else 2


@dataclass(frozen=True, slots=True)
class IndexedPerson:
    person_id: str
    sort_key: str
    words: frozenset[str]  # folded name words and joined double names
    initials: frozenset[str]  # the first letter of each


@dataclass(frozen=True)
class NameMatches:
    """What a query found: at most ``MAX_RESULTS`` person ids, best first; ``more`` when the
    query matches more people than are given (the visitor should type more)."""

    person_ids: tuple[str, ...]
    more: bool


def name_words(name: str, given_name: str) -> frozenset[str]:
    """The words a person is found by: each name word, and each double name joined."""
    all_words = words(name)
    found = set(all_words)
    given = words(given_name) if given_name and name.startswith(given_name) else []
    family = all_words[len(given) :] if given else []
    for part in (given, family):
        if len(part) > 1:
            found.add("".join(part))
    return frozenset(found)


@dataclass
class _Snapshot:
    people: dict[str, IndexedPerson]
    by_word: dict[str, tuple[str, ...]]  # word -> person ids, in name order
    sort_keys: dict[str, str]  # person id -> sort key
    by_initial: dict[str, frozenset[str]]  # a letter -> people with a name word starting so
    _cut: dict[int, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    _cut_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def build(cls, people: dict[str, IndexedPerson]) -> _Snapshot:
        by_word: dict[str, list[str]] = {}
        by_initial: dict[str, set[str]] = {}
        for person in sorted(people.values(), key=lambda p: (p.sort_key, p.person_id)):
            pid = person.person_id
            for word in person.words:
                by_word.setdefault(word, []).append(pid)
            for letter in person.initials:
                by_initial.setdefault(letter, set()).add(pid)
        snapshot = cls(
            people,
            {word: tuple(ids) for word, ids in by_word.items()},
            {pid: person.sort_key for pid, person in people.items()},
            {letter: frozenset(ids) for letter, ids in by_initial.items()},
        )
        snapshot.warm()
        return snapshot

    def warm(self) -> None:
        """Build the cut tables here (off the GUI thread), not at a keystroke; rapidfuzz is
        imported here too the first time (it is left out of the start-up: issue 13)."""
        import rapidfuzz.distance.OSA
        import rapidfuzz.process  # noqa: F401

        for length in range(1, _CUT_TO + 2):
            self.cut(length)

    def changed(self, gone: set[str], new: dict[str, IndexedPerson]) -> _Snapshot:
        """A copy with the ``gone`` people removed and the ``new`` ones (re)added: only the
        words and letters they touch are rebuilt; the cut tables are kept when no new word
        comes (a name word no one has any more stays, with nobody behind it)."""
        people = dict(self.people)
        sort_keys = dict(self.sort_keys)
        old = [self.people[pid] for pid in gone | set(new) if pid in self.people]
        for person in old:
            del people[person.person_id]
            del sort_keys[person.person_id]
        people.update(new)
        sort_keys.update((pid, person.sort_key) for pid, person in new.items())
        words = {w for person in (*old, *new.values()) for w in person.words}
        letters = {x for person in (*old, *new.values()) for x in person.initials}
        by_word = dict(self.by_word)
        leaving = {person.person_id for person in old}
        for word in words:
            ids = [pid for pid in self.by_word.get(word, ()) if pid not in leaving]
            ids += [pid for pid, person in new.items() if word in person.words]
            by_word[word] = tuple(sorted(ids, key=lambda pid: (sort_keys[pid], pid)))
        by_initial = dict(self.by_initial)
        for letter in letters:
            kept = by_initial.get(letter, frozenset()) - leaving
            by_initial[letter] = kept | {pid for pid, p in new.items() if letter in p.initials}
        snapshot = _Snapshot(people, by_word, sort_keys, by_initial)
        if words <= self.by_word.keys():
            snapshot._cut = self._cut  # the same vocabulary: the same cut tables
        else:
            snapshot.warm()
        return snapshot

    def cut(self, length: int) -> dict[str, tuple[str, ...]]:
        """Name words cut to ``length`` letters (words at least that long) -> the whole words."""
        table = self._cut.get(length)
        if table is None:
            with self._cut_lock:
                table = self._cut.get(length)
                if table is None:
                    grouped: dict[str, list[str]] = {}
                    for word in self.by_word:
                        if len(word) >= length:
                            grouped.setdefault(word[:length], []).append(word)
                    table = {cut: tuple(found) for cut, found in grouped.items()}
                    self._cut[length] = table
        return table

    def word_scores(self, term: str) -> dict[str, int]:
        """Name words ``term`` matches, with their scores."""
        scores: dict[str, int] = {}
        if term in self.by_word:
            scores[term] = _EXACT
        if len(term) < 2:
            return scores
        length = min(len(term), _CUT_TO)
        for word in self.cut(length).get(term[:length], ()):
            if word.startswith(term) and word not in scores:
                scores[word] = _PREFIX
        allowed = typos_allowed(len(term))
        if not allowed:
            return scores
        if scores:  # the word is there as typed: typos would only widen the list
            return scores
        from rapidfuzz import process  # imported by warm(), off the GUI thread
        from rapidfuzz.distance import OSA

        cut_term = term[:_CUT_TO]
        for cut_length in {max(1, length - 1), length, length + 1}:
            table = self.cut(cut_length)
            for cut, distance, _ in process.extract_iter(
                cut_term, table.keys(), scorer=OSA.distance, score_cutoff=allowed
            ):
                # A typo scores less, and a little less again when the lengths differ.
                score = _FUZZY - _TYPO_COST * int(distance) - (cut_length != length) * 5
                for word in table[cut]:
                    if scores.get(word, 0) < score:
                        scores[word] = score
        return scores


class NameIndex:
    """Folded names of the active people, searched in memory.

    ``load`` reads everyone (through ``read_all``); ``update`` re-reads the given people
    (through ``read_some``) after the feed changed them. Both may run on any thread."""

    def __init__(
        self,
        read_all: Callable[[], Iterable[tuple[str, str, str, str]]],
        read_some: Callable[[Iterable[str]], Iterable[tuple[str, str, str, str]]],
    ) -> None:
        """The readers give (id, name, given name, sort key) of active people."""
        self._read_all, self._read_some = read_all, read_some
        self._snapshot: _Snapshot | None = None
        self._load_lock = threading.Lock()

    @staticmethod
    def _person(row: tuple[str, str, str, str]) -> IndexedPerson:
        person_id, name, given_name, sort_key = row
        found = name_words(name, given_name)
        return IndexedPerson(person_id, sort_key, found, frozenset(word[0] for word in found))

    def load(self) -> None:
        """(Re)build the whole index from the store (~1 s for 100,000 people: at start-up, on
        a thread of its own; a search meanwhile waits for it rather than build it twice)."""
        with self._load_lock:
            self._load()

    def _load(self) -> None:
        people = {row[0]: self._person(row) for row in self._read_all()}
        self._snapshot = _Snapshot.build(people)

    def update(self, person_ids: Iterable[str]) -> None:
        """Re-read these people (added, changed, deactivated or deleted) into the index.

        A few people (a new member, a PIN set) change only what they touch. A big batch (a
        first sync, an import) drops the index instead: rebuilding it per page would cost
        seconds each; the next search (or ``load``) builds it once from the store."""
        ids = set(person_ids)
        if not ids:
            return
        with self._load_lock:
            current = self._snapshot
            if current is None:
                return  # not built yet: the first search reads everyone
            if len(ids) > BIG_UPDATE:
                self._snapshot = None
                return
            new = {row[0]: self._person(row) for row in self._read_some(ids)}
            self._snapshot = current.changed(ids, new)

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot is None:
            with self._load_lock:
                if self._snapshot is None:
                    self._load()
            snapshot = self._snapshot
            assert snapshot is not None
        return snapshot

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    def __len__(self) -> int:
        return len(self._current().people)

    def search(self, query: str) -> NameMatches:
        return _search(self._current(), query[:MAX_QUERY_CHARS])


def _search(index: _Snapshot, query: str) -> NameMatches:
    terms = words(query)
    # Letters as typed: "æ" is one letter though it folds to "ae".
    letters = sum(ch.isalpha() for ch in query)
    if letters < MIN_LETTERS or not terms:
        return NameMatches((), False)
    if letters < FUZZY_LETTERS:
        return _short_search(index, terms, letters)
    return _long_search(index, terms)


def _short_search(index: _Snapshot, terms: list[str], letters: int) -> NameMatches:
    """Two or three letters: one word, matched exactly (two letters) or as the start of a
    name word (three), and only when it points at few people. Otherwise "type more", naming
    no one."""
    if len(terms) > 1:
        return NameMatches((), True)
    (term,) = terms
    if letters < PREFIX_LETTERS:
        found = set(index.by_word.get(term, ()))
    else:
        found = set()
        for word in index.word_scores(term):
            found.update(index.by_word[word])
    if not found or len(found) > MAX_RESULTS:
        # "Type more", also when nothing fits yet: "Ka" is the start of "Kari", not "no match".
        return NameMatches((), True)
    ordered = sorted(found, key=lambda pid: (index.people[pid].sort_key, pid))
    return NameMatches(tuple(ordered), False)


def _long_search(index: _Snapshot, terms: list[str]) -> NameMatches:
    """Four letters or more: the best few of everyone the query words match."""
    # Every query word must match some name word; one-letter words only narrow down.
    nothing = NameMatches((), False)
    generating = [term for term in terms if len(term) >= 2]
    narrowing = [term for term in terms if len(term) < 2]
    if not generating:  # initials only ("k n o"): too little to name anyone
        return NameMatches((), True)
    per_term = [index.word_scores(term) for term in generating]
    if any(not scores for scores in per_term):
        return nothing
    # The score cut-off, per query word: only name words near its best match go on.
    per_term = [
        {word: score for word, score in scores.items() if score >= max(scores.values()) - 15}
        for scores in per_term
    ]
    if len(per_term) == 1 and not narrowing:
        return _best_of_one_word(index, per_term[0])
    # Who matches every query word: from the word that reaches the fewest people, intersect
    # with a word of similar reach, or look at each person's words when a word reaches many.
    people = index.people
    reach = [sum(len(index.by_word[word]) for word in scores) for scores in per_term]
    order = sorted(range(len(per_term)), key=reach.__getitem__)
    found: set[str] = set().union(*(index.by_word[word] for word in per_term[order[0]]))
    for position in order[1:]:
        scores = per_term[position]
        if reach[position] <= 4 * len(found):
            found &= set().union(*(index.by_word[word] for word in scores))
        else:
            found = {pid for pid in found if not scores.keys().isdisjoint(people[pid].words)}
    for term in narrowing:
        found &= index.by_initial.get(term, frozenset())
    if not found:
        return nothing
    # Scores per query word, as maps person -> score of their best word (built in C: higher
    # scores written last), then summed per person in columns.
    columns = []
    ids = list(found)
    for scores in per_term:
        best_of: dict[str, int] = {}
        for word, score in sorted(scores.items(), key=lambda item: item[1]):
            best_of.update(dict.fromkeys(index.by_word[word], score))
        columns.append(map(best_of.__getitem__, ids))
    totals = list(map(sum, zip(*columns, strict=True)))
    floor = max(totals) - _KEEP_WITHIN * len(per_term)
    kept = [
        (-total, key, pid)
        for total, key, pid in zip(totals, map(index.sort_keys.__getitem__, ids), ids, strict=True)
        if total >= floor
    ]
    top = heapq.nsmallest(MAX_RESULTS, kept)
    return NameMatches(tuple(pid for _, _, pid in top), len(kept) > MAX_RESULTS)


def _best_of_one_word(index: _Snapshot, scores: dict[str, int]) -> NameMatches:
    """One query word: the people of its best-scoring name words, in name order, lazily (the
    word's lists are in name order already, so a merge yields the first few at once)."""
    people = index.people
    best = max(scores.values())
    levels = sorted({score for score in scores.values() if score >= best - _KEEP_WITHIN})
    chosen: list[str] = []
    seen: set[str] = set()
    more = False
    for level in reversed(levels):
        lists = [index.by_word[word] for word, score in scores.items() if score == level]
        merged = heapq.merge(*lists, key=lambda pid: (people[pid].sort_key, pid))
        for person_id in merged:
            if person_id in seen:
                continue
            if len(chosen) == MAX_RESULTS:
                more = True
                break
            seen.add(person_id)
            chosen.append(person_id)
        if more:
            break
    return NameMatches(tuple(chosen), more)


def sort_key(name: str) -> str:
    """How results of equal score are ordered: by the folded name."""
    return fold(name)

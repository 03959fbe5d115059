from kithkin.domain.names import NameEntry, fold, resolve, search_key


def entries(*names: str) -> list[NameEntry]:
    return [NameEntry(i, n, search_key(n)) for i, n in enumerate(names, 1)]


PEOPLE = entries("Maya López", "Maya Chen", "Sam Ortiz", "Zoë Müller", "Samantha Lee")


def names(hits: list[NameEntry]) -> list[str]:
    return [h.name for h in hits]


def test_fold_strips_accents_and_case() -> None:
    assert fold("  Maya   LÓPEZ ") == "maya lopez"
    assert fold("Zoë Müller") == "zoe muller"


def test_any_part_of_a_name_finds_the_person() -> None:
    assert names(resolve("lopez", PEOPLE)) == ["Maya López"]
    assert names(resolve("López", PEOPLE)) == ["Maya López"]
    assert names(resolve("may lop", PEOPLE)) == ["Maya López"]
    assert names(resolve("zoe", PEOPLE)) == ["Zoë Müller"]


def test_a_shared_first_name_is_ambiguous_not_guessed() -> None:
    assert sorted(names(resolve("maya", PEOPLE))) == ["Maya Chen", "Maya López"]


def test_a_whole_name_wins_over_prefixes() -> None:
    # "sam" is a prefix of Samantha too, but "Sam Ortiz" is not called just "sam";
    # with a nickname entry "sam" would win outright.
    assert sorted(names(resolve("sam", PEOPLE))) == ["Sam Ortiz", "Samantha Lee"]
    with_nick = [NameEntry(3, "Sam Ortiz", search_key("Sam Ortiz", "Sam")), PEOPLE[4]]
    assert names(resolve("sam", with_nick)) == ["Sam Ortiz"]


def test_typos_are_forgiven() -> None:
    assert names(resolve("mya lopes", PEOPLE)) == ["Maya López"]


def test_nothing_close_gives_nothing() -> None:
    assert resolve("xqzv", PEOPLE) == []

"""A name typed without its accents finds the entity ("Zoe Angstrom" for "Zoë Ångström")."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ingested
from newsline.corpus._entity_aliases import UnknownEntityError, resolve_entity
from newsline.corpus._store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingested(tmp_path_factory.mktemp("accents"), {
        "plant.txt": "date 2024-02-16\n\nZoë Ångström opened the Kestrel lens plant on Monday. "
                     "José Núñez, the mayor, cut the ribbon.\n"})


@pytest.mark.parametrize(("typed", "name"), [("Zoe Angstrom", "Zoë Ångström"), ("zoë ångström", "Zoë Ångström"),
                                             ("jose nunez", "José Núñez")])
def test_a_name_without_its_accents_finds_the_entity(db: Path, typed: str, name: str) -> None:
    with Store.open(db, read_only=True) as store:
        assert resolve_entity(store, typed).name == name


def test_other_letters_are_still_other_names(db: Path) -> None:
    with Store.open(db, read_only=True) as store, pytest.raises(UnknownEntityError, match="did you mean"):
        resolve_entity(store, "Zoe Angstram")

"""An Anki package read as Anki reads it: a zip of an SQLite collection, a ``media`` JSON
map and the numbered media files."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path


def read_deck(path: Path) -> dict:
    """Notes (fields, tags, guid, note type), cards and sounds, as Anki reads them."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        collection = path.with_suffix(".anki2")
        collection.write_bytes(package.read("collection.anki2"))
        media = json.loads(package.read("media"))
        sounds = {name: package.read(number) for number, name in media.items()}
    with sqlite3.connect(collection) as db:
        models = json.loads(db.execute("select models from col").fetchone()[0])
        notes = [
            {
                "guid": guid,
                "fields": fields.split("\x1f"),
                "tags": tags.split(),
                "model": models[str(mid)]["name"],
            }
            for guid, fields, tags, mid in db.execute("select guid, flds, tags, mid from notes")
        ]
        cards = db.execute("select count(*) from cards").fetchone()[0]
    return {"names": names, "notes": notes, "cards": cards, "sounds": sounds}

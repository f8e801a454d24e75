package dev.nacre.bench;

import dev.nacre.runtime.Journal;
import dev.nacre.runtime.MemoryJournal;
import dev.nacre.store.SqliteJournal;
import java.nio.file.Path;

/** The journals the in-process benchmark runs against. */
enum Store {
    MEMORY("MemoryJournal"),
    SQLITE("SqliteJournal");

    final String label;

    Store(String label) {
        this.label = label;
    }

    /** A fresh journal; a SQLite one is a new file in {@code dir}. */
    Journal open(Path dir) {
        return switch (this) {
            case MEMORY -> new MemoryJournal();
            case SQLITE -> SqliteJournal.open(dir.resolve("state.db"));
        };
    }
}

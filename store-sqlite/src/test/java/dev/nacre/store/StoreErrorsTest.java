package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a user can make with the state file: each is one line naming the file and what to do. */
class StoreErrorsTest {
    @TempDir Path dir;

    @Test
    void aMissingDirectory() {
        Path file = dir.resolve("no/such/dir/state.db");
        assertOneLine(openFails(file), file).contains("does not exist").contains("create it");
    }

    @Test
    void aParentThatIsAFile() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain.txt"), "x");
        Path file = notADir.resolve("state.db");
        assertOneLine(openFails(file), file).contains("is not a directory");
    }

    @Test
    void aPathThatIsADirectory() throws IOException {
        Path file = Files.createDirectory(dir.resolve("state.db"));
        assertOneLine(openFails(file), file).contains("is a directory");
    }

    @Test
    void anUnwritableDirectory() {
        // sysfs refuses new files even to root, so this holds wherever the tests run.
        Path file = Path.of("/sys/state.db");
        assertOneLine(openFails(file), file).contains("cannot open").contains("permissions");
    }

    @Test
    void aFileThatIsNotADatabase() throws IOException {
        Path file = Files.writeString(dir.resolve("state.db"), "this is not a database\n".repeat(500));
        assertOneLine(openFails(file), file).contains("corrupt or not a SQLite database").contains("move it aside");
    }

    @Test
    void aDatabaseWithACorruptSchemaPage() throws IOException {
        Path file = dir.resolve("state.db");
        try (var journal = SqliteJournal.open(file)) {
            journal.create(Events.session("s", 1));
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 100; i < 4096; i++) bytes[i] = (byte) 0xA5; // page 1 after the header: the schema's b-tree
        Files.write(file, bytes);
        assertOneLine(openFails(file), file).contains("corrupt");
    }

    @Test
    void aDatabaseFromANewerNacre() throws SQLException {
        Path file = dir.resolve("state.db");
        SqliteJournal.open(file).close();
        try (Connection raw = raw(file)) {
            raw.createStatement().execute("PRAGMA user_version = 99");
        }
        assertOneLine(openFails(file), file).contains("newer Nacre").contains("schema 99").contains("upgrade Nacre");
    }

    @Test
    void anotherApplicationsDatabase() throws SQLException {
        Path file = dir.resolve("state.db");
        try (Connection raw = raw(file)) {
            raw.createStatement().execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY)");
        }
        assertOneLine(openFails(file), file).contains("did not create");
        try (Connection raw = raw(file)) {
            assertThat(raw.createStatement().executeQuery("SELECT count(*) FROM sqlite_schema").getInt(1))
                    .as("left untouched").isEqualTo(1);
        }
    }

    private static StoreException openFails(Path file) {
        return catchThrowableOfType(StoreException.class, () -> SqliteJournal.open(file).close());
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertOneLine(StoreException e, Path file) {
        assertThat(e).as("a StoreException").isNotNull();
        return assertThat(e.getMessage()).doesNotContain("\n").contains(file.toAbsolutePath().normalize().toString());
    }

    private static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}

package dev.nacre.cli;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Opens the terminal for {@code nacre chat}; tests supply one over pipes. */
interface TerminalFactory {
    TerminalFactory SYSTEM = () -> TerminalBuilder.builder().system(true).name("nacre").build();

    Terminal open() throws IOException;
}

package asynckit.quiz;

import java.util.List;

/** A bank file that cannot be used; {@link #problems()} holds every {@code file:line: message} found. */
public final class BankException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public BankException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

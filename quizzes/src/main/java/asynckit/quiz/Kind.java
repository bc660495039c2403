package asynckit.quiz;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of question a bank can hold; {@link #word} is how a bank file names each one. */
public enum Kind {
    /** One correct option among several. */
    SINGLE("single"),
    /** Tick every correct option; scored right only when the ticked set is exactly the key. */
    MULTI("multi"),
    /** A statement that is true or false. */
    TRUE_FALSE("truefalse"),
    /** A typed answer, normalised, matched against accepted forms or a pattern. */
    SHORT("short"),
    /** Put the lines in the order they happen (usually: the order they are printed). */
    ORDER("order"),
    /** "What does this print?": a Java code block and one correct output among several. */
    OUTPUT("output");

    public final String word;

    Kind(String word) {
        this.word = word;
    }

    public static Optional<Kind> fromWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
    }

    /** Kinds whose answer is one or more options marked {@code - [x]} / {@code - [ ]}. */
    public boolean hasOptions() {
        return this == SINGLE || this == MULTI || this == OUTPUT;
    }
}

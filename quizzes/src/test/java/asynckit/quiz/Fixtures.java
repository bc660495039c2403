package asynckit.quiz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small bank with one question of every kind, written into a temporary repository. */
final class Fixtures {
    private Fixtures() {
    }

    static final String EVERY_KIND = """
            # a test bank
            title: Every kind
            shuffle-questions: no

            ## pick-one single
            points: 1
            concept: gather-all-of
            lesson: exercise 03
            prompt: What does allOf return?
            - [ ] The list of results
            - [x] A CompletableFuture<Void>
            - [ ] Nothing

            explain: It only signals completion.

            ## tick-some multi
            points: 2
            concept: common-mistakes
            lesson: exercise 06
            prompt: Which block the thread?
            - [x] Thread.sleep
            - [ ] thenApply
            - [x] join
            explain: sleep and join wait;
              thenApply registers.

            ## yes-or-no truefalse
            points: 1
            concept: async-sleep
            lesson: exercise 02
            prompt: Thread.sleep frees the thread.
            answer: false
            explain: It parks it.

            ## type-it short
            points: 1
            concept: await-continuations
            lesson: exercise 05
            prompt: Which method flattens a future of a future?
            accept: thenCompose
            pattern: (cf\\.)?then-?compose
            explain: thenCompose.

            ## line-up order
            points: 2
            concept: event-loop
            lesson: exercise 14
            prompt: Order the lines.
            ```java
            System.out.println("one");
            System.out.println("two");
            System.out.println("three");
            ```
            1. one
            2. two
            3. three
            explain: Top to bottom.

            ## prints output
            points: 3
            concept: event-loop
            lesson: exercise 14
            prompt: What does this print?
            ```java
            System.out.println(1 + 1);
            ```
            - [ ] 11
            - [x] 2
            explain: Integer addition.
            """;

    /** Creates {@code root/quizzes/banks/NAME.quiz} with {@code text}; returns the file. */
    static Path bank(Path root, String name, String text) throws IOException {
        Path dir = Repo.banksDir(root);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name + ".quiz"), text);
    }

    static Bank parse(String text) throws BankException {
        return BankParser.parse("test", Path.of("test.quiz"), "test.quiz", text);
    }
}

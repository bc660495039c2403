package asynckit.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BankParserTest {

    @Test
    @DisplayName("a bank with every kind of question parses into the right questions and keys")
    void parsesEveryKind() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND);
        assertThat(bank.title()).isEqualTo("Every kind");
        assertThat(bank.shuffleQuestions()).isFalse();
        assertThat(bank.questions()).extracting(Question::kind)
                .containsExactly(Kind.SINGLE, Kind.MULTI, Kind.TRUE_FALSE, Kind.SHORT, Kind.ORDER, Kind.OUTPUT);
        assertThat(bank.maxPoints()).isEqualTo(10);

        Question single = bank.questions().get(0);
        assertThat(single.options()).containsExactly("The list of results", "A CompletableFuture<Void>", "Nothing");
        assertThat(single.correct()).containsExactly(1);
        assertThat(single.line()).isEqualTo(5);
        assertThat(single.explanation()).isEqualTo("It only signals completion.");

        Question multi = bank.questions().get(1);
        assertThat(multi.correct()).isEqualTo(Set.of(0, 2));
        assertThat(multi.explanation()).isEqualTo("sleep and join wait; thenApply registers.");

        assertThat(bank.questions().get(2).truth()).isFalse();
        assertThat(bank.questions().get(3).accepted()).containsExactly("thenCompose");
        assertThat(bank.questions().get(3).pattern()).isNotNull();

        Question order = bank.questions().get(4);
        assertThat(order.options()).containsExactly("one", "two", "three");
        assertThat(order.code()).contains("System.out.println(\"two\");");

        Question output = bank.questions().get(5);
        assertThat(output.code()).isEqualTo("System.out.println(1 + 1);\n");
        assertThat(Scoring.key(output)).isEqualTo("b");
    }

    @Test
    @DisplayName("the checksum ignores CRLF vs LF, so a Windows checkout matches CI")
    void checksumIgnoresLineEndings() throws Exception {
        Bank lf = Fixtures.parse(Fixtures.EVERY_KIND);
        Bank crlf = Fixtures.parse(Fixtures.EVERY_KIND.replace("\n", "\r\n"));
        assertThat(crlf.checksum()).isEqualTo(lf.checksum()).hasSize(64);
        assertThat(crlf.questions()).hasSize(6);
        assertThat(Fixtures.parse(Fixtures.EVERY_KIND + "\n").checksum()).isNotEqualTo(lf.checksum());
    }

    @Test
    @DisplayName("every problem of a malformed file is reported as file:line: message")
    void reportsAllProblemsWithLines() {
        String text = """
                title: Broken
                ## first single
                points: lots
                concept: event-loop
                lesson: exercise 14
                prompt: Pick one.
                - [x] a
                - [x] b
                explain: Two right answers is wrong.

                ## second wrongkind
                points: 1

                ## third truefalse
                points: 1
                concept: Event Loop
                lesson: exercise 14
                prompt: True?
                answer: maybe
                explain: no.
                """;
        BankException e = catchThrowableOfType(BankException.class, () -> Fixtures.parse(text));
        assertThat(e.problems()).containsExactly(
                "test.quiz:3: points must be a whole number, not \"lots\"",
                "test.quiz:7: question \"first\" must mark exactly one option - [x], found 2",
                "test.quiz:11: unknown question kind \"wrongkind\"; use single, multi, truefalse, short, order or output",
                "test.quiz:16: concept must be a slug like \"event-loop\", not \"Event Loop\"",
                "test.quiz:19: \"answer:\" of a truefalse question is true or false, not \"maybe\"");
    }

    @Test
    @DisplayName("missing fields, duplicate ids, bad items and stray text are named with their line")
    void structuralProblems() {
        String text = """
                ## dup single
                points: 1
                concept: x
                lesson: 1
                prompt: p
                - [x] a
                - [ ] b
                explain: e

                ## dup order
                points: 1
                concept: x
                lesson: 1
                prompt: p
                1. a
                3. b
                explain: e

                ## no-code output
                concept: x
                lesson: 1
                prompt: What prints?
                - [x] a
                - [ ] b
                runnable: lowercase
                colour: blue
                ```java
                int x;
                """;
        BankException e = catchThrowableOfType(BankException.class, () -> Fixtures.parse(text));
        assertThat(e.problems()).containsExactly(
                "test.quiz:1: the bank needs a \"title:\" line before its first question",
                "test.quiz:10: question id \"dup\" is used twice in this bank",
                "test.quiz:16: expected item 2. here, found 3.",
                "test.quiz:19: question \"no-code\" has no \"explain:\" (every question explains its answer)",
                "test.quiz:19: question \"no-code\" has no \"points:\"",
                "test.quiz:19: question \"no-code\" is an output question and needs a ```java code block",
                "test.quiz:25: runnable names a snippet class, like \"ThenApplyOnCompleted\", not \"lowercase\"",
                "test.quiz:25: \"runnable:\" is for output and order questions with a code block",
                "test.quiz:26: unknown field \"colour:\"",
                "test.quiz:27: code block is not closed with ```");
    }

    @Test
    @DisplayName("options on a kind without options, and fields of the wrong kind, are rejected")
    void wrongFieldsForKind() {
        String text = """
                title: t
                ## tf truefalse
                points: 1
                concept: x
                lesson: 1
                prompt: p
                - [x] yes
                accept: yes
                explain: e
                answer: true
                ## sa short
                points: 1
                concept: x
                lesson: 1
                prompt: p
                pattern: (unclosed
                explain: e
                """;
        assertThatThrownBy(() -> Fixtures.parse(text))
                .isInstanceOf(BankException.class)
                .hasMessageContaining("test.quiz:7: a truefalse question has no options")
                .hasMessageContaining("test.quiz:8: \"accept:\" is only for short questions")
                .hasMessageContaining("test.quiz:16: pattern does not compile: Unclosed group");
    }

    @Test
    @DisplayName("a file with only a title is reported as having no questions")
    void noQuestions() {
        BankException e = catchThrowableOfType(BankException.class, () -> Fixtures.parse("title: t\n"));
        assertThat(e.problems()).isEqualTo(List.of("test.quiz:2: the bank has no questions"));
    }
}

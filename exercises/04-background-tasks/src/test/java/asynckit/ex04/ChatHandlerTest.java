package asynckit.ex04;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.AsyncService;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualService;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Points;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.TimeScale;
import asynckit.testkit.Timeline;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every store and assistant call here stays pending until the test completes it by hand, so each check
 * looks at what the handler does while a save or a reply is outstanding: no clock, no race. This class
 * itself never blocks a thread directly (the self-test scans it with the blocking-call rule); every wait
 * goes through the testkit or Awaitility, with a bound.
 */
@Exercise("04-background-tasks")
@DisplayName("04 Background tasks: ChatHandler")
class ChatHandlerTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(ChatHandlerTest.class);
    static final Mistake SAVE_NOT_STARTED = LESSON.mistake("save-not-started");
    static final Mistake REPLY_WAITED = LESSON.mistake("reply-waited-for-save");
    static final Mistake SAVE_FAILED_THE_REPLY = LESSON.mistake("save-failed-the-reply");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake UNTRACKED_SAVE = LESSON.mistake("untracked-save");
    static final Mistake CLOSE_NOT_COMPLETED = LESSON.mistake("close-not-completed");
    static final Mistake LOST_FAILURE = LESSON.mistake("lost-failure");
    static final Mistake MISREPORTED_FAILURE = LESSON.mistake("misreported-failure");
    static final Mistake HID_ASSISTANT_FAILURE = LESSON.mistake("hid-assistant-failure");
    static final Mistake LEAKED_SAVES = LESSON.mistake("leaked-saves");

    /** How long something that should happen at once may take (right code takes microseconds). */
    private static final Duration SOON = TimeScale.millis(1_000);
    private static final Duration BOUND = TimeScale.millis(5_000);

    @Test
    @Points(3)
    @DisplayName("hands the user's message to the store before asking the assistant, and the reply as soon as it"
            + " arrives")
    void startsBothSavesInOrder() {
        try (Chat chat = new Chat()) {
            CompletableFuture<String> result = send(chat, "hi");
            List<String> calls = chat.backend.labels();
            String saveHi = Backend.saveLabel(Message.fromUser("hi"));
            String askHi = Backend.replyLabel("hi");
            if (calls.indexOf(saveHi) > calls.indexOf(askHi)) {
                throw SAVE_NOT_STARTED.report()
                        .saw("onMessage(\"hi\") asked the assistant before it handed the user's message to the store."
                                + "\nStart the save first: if the assistant takes long, or the process stops while"
                                + " it thinks, the user's message is already on its way to the database.")
                        .timeline(chat.timeline())
                        .failure();
            }
            answer(chat, "hi", "hello");
            assertThat(chat.backend.labels())
                    .as("the calls onMessage(\"hi\") made, in order")
                    .containsExactly(saveHi, askHi, Backend.saveLabel(Message.fromAssistant("hello")));

            chat.backend.storeAll();
            assertThat(Settle.within(result, BOUND).value()).as("onMessage(\"hi\")'s reply").isEqualTo("hello");
        }
    }

    @Test
    @Points(5)
    @DisplayName("completes with the reply as soon as the assistant answers, while both saves are still pending")
    void replyIsNeverDelayedByASave() {
        try (Chat chat = new Chat()) {
            CompletableFuture<String> result = send(chat, "hi");
            answer(chat, "hi", "hello");

            Settle<String> reply = Settle.within(result, SOON);
            if (reply.pending()) {
                throw REPLY_WAITED.report()
                        .saw("The assistant answered \"hello\", but onMessage's future was still pending "
                                + SOON.toMillis() + " ms later, waiting for a save (both saves are still pending"
                                + " below).\nThe user is kept waiting for an answer that has already arrived.")
                        .timeline(chat.timeline())
                        .failure();
            }
            assertThat(reply.value()).as("onMessage(\"hi\")'s reply").isEqualTo("hello");
            assertThat(chat.backend.pendingSaves()).as("saves the test has not completed yet").isEqualTo(2);
        }
    }

    @Test
    @Points(5)
    @DisplayName("close() completes only after every save started so far has finished, stored or failed")
    void closeWaitsForEverySave() {
        try (Chat chat = new Chat()) {
            send(chat, "hi");
            answer(chat, "hi", "hello");
            send(chat, "bye");
            answer(chat, "bye", "ciao");

            Timeline.Handle lane = chat.timeline().begin("close()");
            CompletableFuture<Void> closed = Returns.promptly(BLOCKED_CALLER, "close()", chat.timeline(),
                    chat.handler::close);
            assertThat(closed).as("the future close() returned").isNotNull();
            closed.whenComplete((done, failure) -> end(lane, failure));

            IOException full = new IOException("disk full");
            List<Runnable> finishing = List.of(
                    () -> chat.backend.store(Message.fromUser("bye")),
                    () -> chat.backend.lose(Message.fromAssistant("hello"), full),
                    () -> chat.backend.store(Message.fromUser("hi")),
                    () -> chat.backend.lose(Message.fromAssistant("ciao"), full));
            for (Runnable step : finishing) {
                if (closed.isDone()) {
                    List<String> open = chat.backend.pendingSaveLabels();
                    throw UNTRACKED_SAVE.report()
                            .saw("close() had already completed while " + open.size() + " of 4 saves were still"
                                    + " pending: " + String.join(", ", open) + ".\nclose() must wait for every save"
                                    + " started so far, including the reply's save started just before it.")
                            .timeline(chat.timeline())
                            .failure();
                }
                step.run();
            }

            Settle<Void> done = Settle.within(closed, SOON);
            if (done.pending()) {
                throw CLOSE_NOT_COMPLETED.report()
                        .saw("Every save had finished (two stored, two failed), yet close() had not completed "
                                + SOON.toMillis() + " ms later.")
                        .timeline(chat.timeline())
                        .failure();
            }
            if (done.failed()) {
                throw CLOSE_NOT_COMPLETED.report()
                        .saw("close() failed with " + done.failure() + " once the last save had finished.\nFailed"
                                + " saves are the listener's to report; close() only says \"everything has"
                                + " finished\" and completes normally.")
                        .timeline(chat.timeline())
                        .failure(done.failure());
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("counts the saves still pending, and forgets each one as soon as it is stored or has failed")
    void countsPendingSaves() {
        try (Chat chat = new Chat()) {
            assertThat(chat.handler.pendingSaves()).as("pendingSaves() before any message").isZero();
            send(chat, "hi");
            expectPendingSaves(chat, 1, "while store.save(user: hi) was pending");
            answer(chat, "hi", "hello");
            expectPendingSaves(chat, 2, "while both saves were pending");
            chat.backend.store(Message.fromUser("hi"));
            expectPendingSaves(chat, 1, "after store.save(user: hi) had been stored");
            chat.backend.lose(Message.fromAssistant("hello"), new IOException("disk full"));
            expectPendingSaves(chat, 0, "after store.save(assistant: hello) had failed (a failed save has finished"
                    + " too)");
        }
    }

    @Test
    @Points(2)
    @DisplayName("keeps nothing once 100 messages have been answered and all their saves have finished")
    void forgetsEveryFinishedSave() {
        int messages = 100;
        int failed = 0;
        try (Chat chat = new Chat()) {
            CompletableFuture<String> last = null;
            for (int i = 0; i < messages; i++) {
                last = send(chat, "m" + i);
                answer(chat, "m" + i, "r" + i);
                chat.backend.store(Message.fromUser("m" + i));
                if (i % 5 == 4) {
                    chat.backend.lose(Message.fromAssistant("r" + i), new IOException("timeout saving r" + i));
                    failed++;
                } else {
                    chat.backend.store(Message.fromAssistant("r" + i));
                }
            }
            assertThat(Settle.within(last, BOUND).value()).as("the reply to the last message").isEqualTo("r99");

            int left = pendingSavesSettlingOn(chat.handler, 0);
            if (left != 0) {
                throw LEAKED_SAVES.report()
                        .saw("After " + messages + " messages, all " + (2 * messages) + " of their saves had finished ("
                                + (2 * messages - failed) + " stored, " + failed + " failed), yet pendingSaves() still"
                                + " returned " + left + ".\n" + (left == failed
                                        ? "That is exactly the number of failed saves: only successful saves were"
                                                + " forgotten. A failed save has finished too."
                                        : "Remove a save from your bookkeeping when it finishes, whatever the"
                                                + " outcome.")
                                + "\nA server that runs for weeks handles millions of messages; this grows forever.")
                        .failure();
            }
            Settle<Void> closed = Settle.within(chat.handler.close(), SOON);
            if (closed.pending() || closed.failed()) {
                throw CLOSE_NOT_COMPLETED.report()
                        .saw("Nothing was pending any more, yet close() "
                                + (closed.pending() ? "had not completed " + SOON.toMillis() + " ms later."
                                        : "failed with " + closed.failure() + "."))
                        .failure();
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("tells the listener once about a failed save, with the lost message, and still replies")
    void reportsAFailedSave() {
        try (Chat chat = new Chat()) {
            CompletableFuture<String> result = send(chat, "hi");
            IOException full = new IOException("disk full");
            Message lost = Message.fromUser("hi");
            chat.backend.lose(lost, full);

            if (!eventually(() -> !chat.reports.all().isEmpty())) {
                throw LOST_FAILURE.report()
                        .saw("store.save(user: hi) failed with " + full + ", and the listener never heard of it.\n"
                                + "The user's message is gone, and nobody knows; an exceptionally(e -> null)"
                                + " without telling anyone has this effect.")
                        .timeline(chat.timeline())
                        .failure();
            }
            Reports.Report first = chat.reports.all().get(0);
            if (!first.message().equals(lost) || !isOrWraps(first.failure(), full)) {
                throw MISREPORTED_FAILURE.report()
                        .saw("store.save(user: hi) failed with " + full + ". The listener was told:\n  "
                                + first + "\nbut it should have been told:\n  Report[message=" + lost + ", failure="
                                + full + "]")
                        .failure();
            }

            answer(chat, "hi", "hello");
            Settle<String> reply = Settle.within(result, SOON);
            if (reply.pending()) {
                throw REPLY_WAITED.report()
                        .saw("The assistant answered \"hello\", but onMessage's future was still pending "
                                + SOON.toMillis() + " ms later, while " + String.join(" and ",
                                        chat.backend.pendingSaveLabels()) + " was pending.\nA save, whether"
                                + " it failed or is still running, must never hold back the answer.")
                        .timeline(chat.timeline())
                        .failure();
            }
            if (reply.failed()) {
                throw SAVE_FAILED_THE_REPLY.report()
                        .saw("The user's message could not be saved (" + full + "), and onMessage's future failed"
                                + " with " + reply.failure() + ", although the assistant had answered \"hello\".\n"
                                + "The listener deals with the lost message; the user still gets the answer.")
                        .timeline(chat.timeline())
                        .failure(reply.failure());
            }
            assertThat(reply.value()).as("onMessage(\"hi\")'s reply").isEqualTo("hello");

            chat.backend.store(Message.fromAssistant("hello"));
            List<Reports.Report> all = chat.reports.all();
            if (all.size() != 1) {
                throw MISREPORTED_FAILURE.report()
                        .saw("Exactly one save failed, but the listener was called " + all.size() + " times:\n  "
                                + String.join("\n  ", all.stream().map(Reports.Report::toString).toList()))
                        .timeline(chat.timeline())
                        .failure();
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("fails with the assistant's own exception when the assistant fails, and still saves the user's"
            + " message")
    void passesOnTheAssistantsFailure() {
        try (Chat chat = new Chat()) {
            CompletableFuture<String> result = send(chat, "hi");
            IOException overloaded = new IOException("the model is overloaded");
            chat.backend.failReply("hi", overloaded);

            Settle<String> reply = Settle.within(result, SOON);
            if (reply.pending() || !reply.failed() || reply.failure() != overloaded) {
                throw HID_ASSISTANT_FAILURE.report()
                        .saw("assistant.reply(hi) failed with " + overloaded + ", and onMessage's future "
                                + (reply.pending() ? "never completed: the user waits forever."
                                        : !reply.failed() ? "completed normally with \"" + reply.value() + "\"."
                                                : "failed with " + reply.failure() + " instead."))
                        .timeline(chat.timeline())
                        .failure();
            }
            assertThat(chat.backend.labels())
                    .as("the calls onMessage(\"hi\") made (there is no reply to save)")
                    .containsExactly(Backend.saveLabel(Message.fromUser("hi")), Backend.replyLabel("hi"));
            expectPendingSaves(chat, 1, "while store.save(user: hi) was still pending after the assistant failed");
            chat.backend.store(Message.fromUser("hi"));
            expectPendingSaves(chat, 0, "after store.save(user: hi) had been stored");
            if (!chat.reports.all().isEmpty()) {
                throw MISREPORTED_FAILURE.report()
                        .saw("No save failed, yet the listener was told: " + chat.reports.all() + ".\nThe listener"
                                + " is for lost messages; the assistant's failure belongs to onMessage's future.")
                        .failure();
            }
        }
    }

    @Override
    public void worksOnce() {
        try (AsyncService saves = AsyncService.named("save").latency(TimeScale.millis(10));
             AsyncService replies = AsyncService.named("reply").latency(TimeScale.millis(10))) {
            Reports reports = new Reports(new Timeline());
            ChatHandler handler = new ChatHandler(
                    message -> saves.call(message.author() + ": " + message.text(), () -> (Void) null),
                    text -> replies.call(text, () -> "echo: " + text),
                    reports);
            assertThat(Settle.within(handler.onMessage("hi"), BOUND).value())
                    .as("onMessage must work before its code is checked for blocking calls")
                    .isEqualTo("echo: hi");
            assertThat(Settle.within(handler.close(), BOUND).failed()).as("close() failed").isFalse();
            assertThat(saves.timeline().startOrder()).as("saves made")
                    .containsExactly("save(user: hi)", "save(assistant: echo: hi)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Steps shared by the tests. Each one checks what it relies on and names the mistake if it fails.

    /**
     * Calls onMessage(text) and checks that it returned at once, having started the user's save and
     * asked the assistant.
     */
    private static CompletableFuture<String> send(Chat chat, String text) {
        Timeline.Handle lane = chat.timeline().begin("onMessage(" + text + ")");
        CompletableFuture<String> result = Returns.promptly(BLOCKED_CALLER, "onMessage(\"" + text + "\")",
                chat.timeline(), () -> chat.handler.onMessage(text));
        assertThat(result).as("the future onMessage(\"" + text + "\") returned").isNotNull();
        result.whenComplete((reply, failure) -> end(lane, failure));

        String save = Backend.saveLabel(Message.fromUser(text));
        String ask = Backend.replyLabel(text);
        if (!chat.backend.awaitCall(save)) {
            throw SAVE_NOT_STARTED.report()
                    .saw("onMessage(\"" + text + "\") returned without handing the user's message to the store: "
                            + save + " was never called.\nStart that save at once, in the background.")
                    .timeline(chat.timeline())
                    .failure();
        }
        if (!chat.backend.awaitCall(ask)) {
            throw REPLY_WAITED.report()
                    .saw("onMessage(\"" + text + "\") started " + save + ", then did not ask the assistant while"
                            + " that save was pending.\nThe save runs in the background; asking the assistant must"
                            + " not wait for it.")
                    .timeline(chat.timeline())
                    .failure();
        }
        return result;
    }

    /** The assistant answers {@code text} with {@code reply}; the handler must start saving the reply. */
    private static void answer(Chat chat, String text, String reply) {
        chat.backend.answer(text, reply);
        String save = Backend.saveLabel(Message.fromAssistant(reply));
        if (!chat.backend.awaitCall(save)) {
            throw SAVE_NOT_STARTED.report()
                    .saw("The assistant answered \"" + reply + "\" to \"" + text + "\", but the reply was never"
                            + " handed to the store: " + save + " was not called.\nStart that save in the step"
                            + " that receives the reply, in the background.")
                    .timeline(chat.timeline())
                    .failure();
        }
    }

    private static void expectPendingSaves(Chat chat, int expected, String situation) {
        int seen = pendingSavesSettlingOn(chat.handler, expected);
        if (seen == expected) {
            return;
        }
        String pending = chat.backend.pendingSaveLabels().isEmpty() ? "none"
                : String.join(", ", chat.backend.pendingSaveLabels());
        throw (seen < expected
                ? UNTRACKED_SAVE.report()
                        .saw("pendingSaves() returned " + seen + " " + situation + "; it should be " + expected
                                + ". Saves started and not finished: " + pending + ".\nKeep every save you start"
                                + " until it finishes.")
                : LEAKED_SAVES.report()
                        .saw("pendingSaves() still returned " + seen + " " + situation + "; it should be " + expected
                                + ". Saves started and not finished: " + pending + ".\nForget a save as soon as it"
                                + " finishes, stored or failed, or the bookkeeping grows with every message."))
                .timeline(chat.timeline())
                .failure();
    }

    /** pendingSaves(), given a moment to reach {@code expected} (code that uses *Async callbacks needs it). */
    private static int pendingSavesSettlingOn(ChatHandler handler, int expected) {
        int now = handler.pendingSaves();
        if (now == expected || eventually(() -> handler.pendingSaves() == expected)) {
            return expected;
        }
        return handler.pendingSaves();
    }

    /** Whether {@code condition} holds within {@link #SOON}; checked at once, then every few milliseconds. */
    private static boolean eventually(BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return true;
        }
        try {
            Awaitility.await()
                    .dontCatchUncaughtExceptions()
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .atMost(SOON)
                    .until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean isOrWraps(Throwable reported, Throwable original) {
        return reported == original || (reported instanceof CompletionException && reported.getCause() == original);
    }

    private static void end(Timeline.Handle lane, Throwable failure) {
        if (failure == null) {
            lane.succeeded();
        } else {
            lane.failed();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The test's doubles.

    /** A handler wired to a store and an assistant that answer only when the test says so. */
    private static final class Chat implements AutoCloseable {
        final Backend backend = new Backend();
        final Reports reports = new Reports(backend.timeline());
        final ChatHandler handler = new ChatHandler(backend, backend, reports);

        Timeline timeline() {
            return backend.timeline();
        }

        /** Completes whatever is still pending, so no callback is left hanging after the test. */
        @Override
        public void close() {
            backend.finishAll();
        }
    }

    /**
     * The store and the assistant in one: every call stays pending until the test completes it, and all
     * of them are drawn on one timeline, so a failure shows saves, replies and the handler's own futures
     * together.
     */
    static final class Backend implements MessageStore, Assistant {
        private final Timeline timeline = new Timeline();
        private final ManualService<Void> saves = new ManualService<>("store.save", timeline);
        private final ManualService<String> replies = new ManualService<>("assistant.reply", timeline);

        private static String key(Message message) {
            return message.author() + ": " + message.text();
        }

        static String saveLabel(Message message) {
            return "store.save(" + key(message) + ")";
        }

        static String replyLabel(String text) {
            return "assistant.reply(" + text + ")";
        }

        Timeline timeline() {
            return timeline;
        }

        @Override
        public CompletableFuture<Void> save(Message message) {
            return saves.call(key(message));
        }

        @Override
        public CompletableFuture<String> reply(String text) {
            return replies.call(text);
        }

        /** Whether a call with this label has been made, or is made within {@link #SOON}. */
        boolean awaitCall(String label) {
            for (ManualService<?> service : List.of(saves, replies)) {
                String prefix = service.name() + "(";
                if (label.startsWith(prefix)) {
                    return service.awaitCall(label.substring(prefix.length(), label.length() - 1), SOON);
                }
            }
            throw new IllegalArgumentException("not a store or assistant call: " + label);
        }

        /** Labels of every store and assistant call made so far, in call order. */
        List<String> labels() {
            return timeline.startOrder().stream()
                    .filter(l -> l.startsWith("store.save(") || l.startsWith("assistant.reply("))
                    .toList();
        }

        int pendingSaves() {
            return saves.pending();
        }

        List<String> pendingSaveLabels() {
            return saves.pendingKeys().stream().map(saves::label).toList();
        }

        void answer(String text, String reply) {
            replies.complete(text, reply);
        }

        void failReply(String text, Throwable failure) {
            replies.fail(text, failure);
        }

        void store(Message message) {
            saves.complete(key(message), null);
        }

        void lose(Message message, Throwable failure) {
            saves.fail(key(message), failure);
        }

        /** Stores every pending save. */
        void storeAll() {
            saves.completeAll(key -> null);
        }

        void finishAll() {
            saves.completeAll(key -> null);
            replies.completeAll(text -> "(the test is over)");
        }
    }

    /** The test's listener: remembers every report and draws it on the timeline as a short lane. */
    static final class Reports implements SaveFailureListener {
        record Report(Message message, Throwable failure) {}

        private final Timeline timeline;
        private final List<Report> reports = new CopyOnWriteArrayList<>();

        Reports(Timeline timeline) {
            this.timeline = timeline;
        }

        @Override
        public void saveFailed(Message message, Throwable failure) {
            reports.add(new Report(message, failure));
            timeline.begin("listener(" + message.author() + ": " + message.text() + ")").succeeded();
        }

        List<Report> all() {
            return List.copyOf(reports);
        }
    }
}

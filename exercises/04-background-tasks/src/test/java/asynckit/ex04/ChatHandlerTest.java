package asynckit.ex04;

import asynckit.testkit.AsyncService;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualService;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Patience;
import asynckit.testkit.Points;
import asynckit.testkit.RaceRounds;
import asynckit.testkit.Reachability;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.TimeScale;
import asynckit.testkit.Timeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    static final Mistake DID_NOT_CALL = LESSON.mistake("did-not-call");
    static final Mistake BLOCKED_POOL_THREAD = LESSON.mistake("blocked-a-pool-thread");
    static final Mistake LOST_UPDATE = LESSON.mistake("lost-update");
    static final Mistake UNSAFE_SHARED_STATE = LESSON.mistake("unsafe-shared-state");
    static final Mistake COUNTED_NOT_A_SAVE = LESSON.mistake("counted-not-a-save");

    /** How long something that should happen at once may take (right code takes microseconds). */
    private static final Duration SOON = TimeScale.millis(1_000);
    private static final Duration BOUND = TimeScale.millis(5_000);
    /** SOON for every wait for a call until one runs it out; then a quarter of it. */
    private static final Patience PATIENCE = Patience.of(SOON);

    @Test
    @Points(1)
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
            requireCalls(chat, List.of(saveHi, askHi, Backend.saveLabel(Message.fromAssistant("hello"))),
                    "onMessage(\"hi\")");

            chat.backend.storeAll();
            requireReply(chat, result, "hello");
        }
    }

    @Test
    @Points(3)
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
            requireReply(chat, result, "hello");
        }
    }

    @Test
    @Points(4)
    @DisplayName("close() completes only after every save started so far has finished, and pendingSaves() stays"
            + " right throughout")
    void closeWaitsForEverySave() {
        try (Chat chat = new Chat()) {
            // Both replies are "ok": two equal messages in flight, each its own save.
            send(chat, "hi");
            answer(chat, "hi", "ok");
            send(chat, "bye");
            answer(chat, "bye", "ok");

            Timeline.Handle lane = chat.timeline().begin("close()");
            CompletableFuture<Void> closed = Returns.promptly(BLOCKED_CALLER, "close()", chat.timeline(),
                    chat.handler::close);
            if (closed == null) {
                throw CLOSE_NOT_COMPLETED.report().saw("close() returned null instead of a future.").failure();
            }
            closed.whenComplete((done, failure) -> end(lane, failure));
            expectPendingSaves(chat, 4, "just after close() was called, with all four saves still pending");

            IOException full = new IOException("disk full");
            List<Runnable> finishing = List.of(
                    () -> chat.backend.store(Message.fromUser("bye")),
                    () -> chat.backend.lose(Message.fromAssistant("ok"), full),
                    () -> chat.backend.store(Message.fromUser("hi")),
                    () -> chat.backend.lose(Message.fromAssistant("ok"), full));
            int left = 4;
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
                left--;
                expectPendingSaves(chat, left, "while close() was pending, after " + (4 - left) + " of the 4 saves had"
                        + " finished");
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
            expectPendingSaves(chat, 0, "after close() had completed");
        }
    }

    @Test
    @Points(2)
    @DisplayName("counts the saves still pending, and forgets each one as soon as it is stored or has failed")
    void countsPendingSaves() {
        try (Chat chat = new Chat()) {
            expectPendingSaves(chat, 0, "before any message");
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
        Reachability stored = new Reachability();
        try (Chat chat = new Chat()) {
            chat.backend.track(stored);
            CompletableFuture<String> last = null;
            int heldHalfway = 0;
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
                if (i == messages / 2 - 1) {
                    pendingSavesSettlingOn(chat.handler, 0);
                    heldHalfway = Reachability.heldBy(chat.handler, CompletableFuture.class);
                }
            }
            requireReply(chat, last, "r99");
            last = null;

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
            // What pendingSaves() says is one thing; what the handler holds on to is another.
            chat.backend.forgetFinished();
            // A handler may keep a fixed few futures (one "all done so far" future, say); what must not happen is
            // that what it keeps grows with the messages.
            int held = Reachability.heldBy(chat.handler, CompletableFuture.class);
            boolean grows = held > heldHalfway;
            List<String> kept = stored.stillReachable(TimeScale.millis(1_000));
            if (grows || !kept.isEmpty()) {
                throw LEAKED_SAVES.report()
                        .saw("After " + messages + " messages, all " + (2 * messages) + " of their saves had finished,"
                                + " and pendingSaves() said 0. Yet the handler still holds "
                                + (grows ? held + " futures (" + heldHalfway + " after " + messages / 2 + " messages)"
                                        : "") + (grows && !kept.isEmpty() ? ", and " : "")
                                + (kept.isEmpty() ? "" : kept.size() + " of the store's futures and stored messages"
                                        + " cannot be garbage-collected (for example " + kept.get(0) + ")")
                                + ".\nCounting only what is not done hides the leak; forget a save when it finishes.")
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
            requireReply(chat, result, "hello");

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
    @Points(3)
    @DisplayName("fails with the assistant's own exception when the assistant fails, and still saves the user's"
            + " message")
    void passesOnTheAssistantsFailure() {
        try (Chat chat = new Chat()) {
            CompletableFuture<String> result = send(chat, "hi");
            IOException overloaded = new IOException("the model is overloaded");
            chat.backend.failReply("hi", overloaded);

            Settle<String> reply = Settle.within(result, SOON);
            if (reply.pending() && chat.backend.pendingSaves() > 0) {
                throw REPLY_WAITED.report()
                        .saw("assistant.reply(hi) failed with " + overloaded + ", and onMessage's future stayed pending"
                                + " while " + String.join(" and ", chat.backend.pendingSaveLabels()) + " was pending:"
                                + " the answer (here, the failure) waits for a save.")
                        .timeline(chat.timeline())
                        .failure();
            }
            if (reply.pending() || !reply.failed() || reply.failure() != overloaded) {
                throw HID_ASSISTANT_FAILURE.report()
                        .saw("assistant.reply(hi) failed with " + overloaded + ", and onMessage's future "
                                + (reply.pending() ? "never completed: the user waits forever."
                                        : !reply.failed() ? "completed normally with \"" + reply.value() + "\"."
                                                : "failed with " + reply.failure() + " instead."))
                        .timeline(chat.timeline())
                        .failure();
            }
            requireCalls(chat, List.of(Backend.saveLabel(Message.fromUser("hi")), Backend.replyLabel("hi")),
                    "onMessage(\"hi\"), whose assistant failed (there is no reply to save),");
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

    @Test
    @Points(2)
    @DisplayName("tells the listener which message failed, even when other messages were saved after it")
    void reportsTheMessageThatFailed() {
        try (Chat chat = new Chat()) {
            send(chat, "hi");
            answer(chat, "hi", "hello");
            send(chat, "bye");
            answer(chat, "bye", "ciao");
            IOException first = new IOException("timeout saving hello");
            IOException second = new IOException("disk full saving hi");
            // The failures come in an order where "the message saved last" and "the failure seen last" are
            // never the right answer.
            chat.backend.store(Message.fromAssistant("ciao"));
            chat.backend.lose(Message.fromAssistant("hello"), first);
            chat.backend.store(Message.fromUser("bye"));
            chat.backend.lose(Message.fromUser("hi"), second);

            eventually(() -> chat.reports.all().size() >= 2);
            List<Reports.Report> all = chat.reports.all();
            List<Reports.Report> expected = List.of(new Reports.Report(Message.fromAssistant("hello"), first),
                    new Reports.Report(Message.fromUser("hi"), second));
            boolean right = all.size() == 2 && expected.stream().allMatch(e -> all.stream().anyMatch(
                    r -> r.message().equals(e.message()) && isOrWraps(r.failure(), e.failure())));
            if (!right) {
                throw (all.isEmpty() ? LOST_FAILURE : MISREPORTED_FAILURE).report()
                        .saw("Two messages were in flight. The saves finished in this order: assistant: ciao stored,"
                                + " assistant: hello failed (" + first.getMessage() + "), user: bye stored, user: hi"
                                + " failed (" + second.getMessage() + "). The listener was told:\n  "
                                + (all.isEmpty() ? "nothing" : String.join("\n  ",
                                        all.stream().map(Reports.Report::toString).toList()))
                                + "\nEach report must name the message whose own save failed, with that save's own"
                                + " exception: not the message saved last, not the failure seen last.")
                        .timeline(chat.timeline())
                        .failure();
            }
        }
    }

    @Test
    @Points(1)
    @DisplayName("never parks a thread waiting for a reply or a save, not even a pool thread")
    void noThreadWaits() {
        try (Chat chat = new Chat()) {
            chat.backend.parkedBefore = ThreadWatch.of(LESSON).parkedNow();   // an earlier run's, in a warm JVM
            CompletableFuture<String> result = send(chat, "hi");
            chat.backend.assertNoThreadWaits("While the reply and the user's save were pending", chat.timeline());
            answer(chat, "hi", "hello");
            Returns.promptly(BLOCKED_CALLER, "close()", chat.timeline(), chat.handler::close);
            chat.backend.assertNoThreadWaits("While both saves were pending and close() had been called",
                    chat.timeline());
            requireReply(chat, result, "hello");
        }
    }

    @Test
    @Points(1)
    @DisplayName("keeps its count and its reports right when many saves finish at the same instant on different"
            + " threads")
    void manySavesAtTheSameInstant() {
        ChatHandler handler = null;
        try (RaceRounds rounds = RaceRounds.of(LOST_UPDATE, UNSAFE_SHARED_STATE, ChatHandler.class,
                "8 saves (4 of them failing) finished", "every save finishing on one thread")) {
            // Round 0 is the control: every save finishes on this one thread. Only if that is right does a
            // wrong count in a later round say something about threads.
            for (int round = 0; round <= 40; round++) {
                Map<String, CompletableFuture<Void>> saves = new ConcurrentHashMap<>();
                Map<String, CompletableFuture<String>> replies = new ConcurrentHashMap<>();
                Reports reports = new Reports(new Timeline());
                ChatHandler h = new ChatHandler(
                        message -> saves.computeIfAbsent(message.author() + ": " + message.text(),
                                k -> new CompletableFuture<>()),
                        text -> replies.computeIfAbsent(text, k -> new CompletableFuture<>()),
                        reports);
                handler = h;
                for (int i = 0; i < 4; i++) {
                    String text = "m" + i;
                    CompletableFuture<String> result = Returns.promptly(BLOCKED_CALLER,
                            "onMessage(\"" + text + "\")", () -> h.onMessage(text));
                    CompletableFuture<String> reply = replies.get(text);
                    if (reply == null) {
                        throw (result != null && result.isDone() ? DID_NOT_CALL : REPLY_WAITED).report()
                                .saw("onMessage(\"" + text + "\") returned without asking the assistant"
                                        + (result != null && result.isDone() ? ", its future already complete."
                                                : ", while the user's save was pending."))
                                .failure();
                    }
                    reply.complete("r" + i);
                }
                eventually(() -> saves.size() >= 8);
                if (saves.size() != 8) {
                    throw SAVE_NOT_STARTED.report()
                            .saw("Four messages were answered; the store was handed " + saves.size() + " of their 8"
                                    + " saves: " + saves.keySet() + ".")
                            .failure();
                }
                IOException full = new IOException("disk full");
                List<Runnable> finishing = new ArrayList<>();
                List<String> failing = new ArrayList<>();
                saves.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    if (e.getKey().startsWith("assistant")) {
                        failing.add(e.getKey());
                        finishing.add(() -> e.getValue().completeExceptionally(full));
                    } else {
                        finishing.add(() -> e.getValue().complete(null));
                    }
                });
                rounds.complete(round, finishing, h, "the handler");
                int pending;
                Settle<Void> closed;
                try {
                    pending = pendingSavesSettlingOn(h, 0);
                    closed = Settle.within(h.close(), SOON);
                } catch (RuntimeException e) {
                    if (round == 0 || e instanceof UnsupportedOperationException) {
                        throw e;
                    }
                    throw rounds.raced(round, h, "then pendingSaves() or close() threw " + e + ": the handler's"
                                    + " bookkeeping was broken by callbacks running at the same moment.")
                            .failure(e);
                }
                eventually(() -> reports.all().size() >= failing.size());
                List<String> reported = reports.all().stream()
                        .map(r -> r.message().author() + ": " + r.message().text()).sorted().toList();
                boolean right = pending == 0 && !closed.pending() && !closed.failed() && reported.equals(failing);
                if (right) {
                    continue;
                }
                String what = "pendingSaves() said " + pending + " (it should be 0), close() "
                        + (closed.pending() ? "never completed" : closed.failed() ? "failed" : "completed")
                        + ", and the listener heard of " + reported + " (it should be " + failing + ").";
                if (round == 0) {
                    throw (pending > 0 ? LEAKED_SAVES : closed.pending() || closed.failed() ? CLOSE_NOT_COMPLETED
                            : reported.isEmpty() ? LOST_FAILURE : MISREPORTED_FAILURE).report()
                            .saw("Four messages were answered and their 8 saves finished one by one (4 failed): " + what)
                            .failure();
                }
                throw rounds.raced(round, h, what).failure();
            }
            rounds.assertNoUnsafeState(handler, "The count and the reports were right in every round, but the"
                    + " handler keeps state that several threads would share without protection; the race is rare,"
                    + " not absent:");
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
            String reply = Settle.within(handler.onMessage("hi"), BOUND).value(REPLY_WAITED, HID_ASSISTANT_FAILURE,
                    "onMessage(\"hi\"), which must work before its code is checked for blocking calls,");
            if (!"echo: hi".equals(reply)) {
                throw DID_NOT_CALL.report().saw("onMessage(\"hi\") gave \"" + reply + "\"; the assistant said \"echo: hi\".")
                        .expected("echo: hi").actual(reply).failure();
            }
            // The reply's save starts in the step that receives the reply, which may run just after the reply's
            // own future has completed: give it a moment.
            eventually(() -> saves.timeline().size() >= 2);
            List<String> made = saves.timeline().startOrder();
            if (!made.equals(List.of("save(user: hi)", "save(assistant: echo: hi)"))) {
                throw SAVE_NOT_STARTED.report().saw("onMessage(\"hi\") made the saves " + made + ".")
                        .expected(List.of("save(user: hi)", "save(assistant: echo: hi)")).actual(made).failure();
            }
            Settle.within(handler.close(), BOUND).value(CLOSE_NOT_COMPLETED, CLOSE_NOT_COMPLETED, "close()");
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
        if (result == null) {
            throw DID_NOT_CALL.report().saw("onMessage(\"" + text + "\") returned null instead of the reply's future.")
                    .failure();
        }
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
        // A future complete before the assistant was asked cannot hold the assistant's reply: say so at once.
        boolean asked = !result.isDone() && chat.backend.awaitCall(ask);
        if (!asked && result.isDone() && !chat.backend.awaitCall(ask, Duration.ZERO)) {
            throw DID_NOT_CALL.report()
                    .saw("onMessage(\"" + text + "\") completed its future before it had asked the assistant: "
                            + (result.isCompletedExceptionally() ? "it failed." : "\"" + result.getNow(null) + "\".")
                            + "\nThe reply comes from assistant.reply(text), and only from there.")
                    .timeline(chat.timeline())
                    .failure();
        }
        if (!asked && !chat.backend.awaitCall(ask, Duration.ZERO)) {
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
        String save = Backend.saveLabel(Message.fromAssistant(reply));
        int before = chat.backend.saveCalls(Message.fromAssistant(reply));
        chat.backend.answer(text, reply);
        // Counted, not just seen: an equal message saved before (the same reply to another message) is not this save.
        if (!PATIENCE.await(save + " was called", within -> chat.backend.saveCalls(Message.fromAssistant(reply)) > before
                || eventually(within, () -> chat.backend.saveCalls(Message.fromAssistant(reply)) > before))) {
            throw SAVE_NOT_STARTED.report()
                    .saw("The assistant answered \"" + reply + "\" to \"" + text + "\", but the reply was never"
                            + " handed to the store: " + save + " was not called.\nStart that save in the step"
                            + " that receives the reply, in the background.")
                    .timeline(chat.timeline())
                    .failure();
        }
    }

    /** The reply must be {@code expected}, soon; every other outcome is named. */
    private static void requireReply(Chat chat, CompletableFuture<String> result, String expected) {
        Settle<String> reply = Settle.within(result, SOON);
        if (reply.pending()) {
            throw REPLY_WAITED.report()
                    .saw("The assistant had answered \"" + expected + "\", and onMessage's future was still pending "
                            + SOON.toMillis() + " ms later.")
                    .timeline(chat.timeline())
                    .failure();
        }
        if (reply.failed()) {
            if (reply.failure() instanceof UnsupportedOperationException notWritten) {
                throw notWritten;
            }
            boolean aSaveFailed = chat.timeline().calls().stream()
                    .anyMatch(c -> c.label().startsWith("store.save(") && c.outcome() == Timeline.Outcome.FAILED);
            throw (aSaveFailed ? SAVE_FAILED_THE_REPLY : DID_NOT_CALL).report()
                    .saw("The assistant answered \"" + expected + "\", and onMessage's future failed with "
                            + reply.failure() + ".")
                    .timeline(chat.timeline())
                    .failure(reply.failure());
        }
        if (!expected.equals(reply.value())) {
            throw DID_NOT_CALL.report()
                    .saw("The assistant answered \"" + expected + "\", and onMessage's future gave \"" + reply.value()
                            + "\". The reply is the assistant's, as it is.")
                    .expected(expected)
                    .actual(reply.value())
                    .timeline(chat.timeline())
                    .failure();
        }
    }

    /** The store and the assistant must have been called exactly so, in this order. */
    private static void requireCalls(Chat chat, List<String> expected, String what) {
        List<String> made = chat.backend.labels();
        if (!made.equals(expected)) {
            throw SAVE_NOT_STARTED.report()
                    .saw(what + " made the calls " + made + "; it should make " + expected + ".")
                    .expected(expected)
                    .actual(made)
                    .timeline(chat.timeline())
                    .failure();
        }
    }

    private static void expectPendingSaves(Chat chat, int expected, String situation) {
        Returns.promptly(BLOCKED_CALLER, "pendingSaves()", chat.timeline(), chat.handler::pendingSaves);
        int seen = pendingSavesSettlingOn(chat.handler, expected);
        if (seen == expected) {
            return;
        }
        String pending = chat.backend.pendingSaveLabels().isEmpty() ? "none"
                : String.join(", ", chat.backend.pendingSaveLabels());
        int finished = chat.backend.finishedSaves();
        if (seen - expected > finished) {
            // More than finished saves could explain: something that never was a pending save is counted.
            throw COUNTED_NOT_A_SAVE.report()
                    .saw("pendingSaves() returned " + seen + " " + situation + "; it should be " + expected + ". Saves"
                            + " started and not finished: " + pending + "; only " + finished + " save"
                            + (finished == 1 ? " has" : "s have") + " finished so far, so they cannot be the extra "
                            + (seen - expected) + ".\npendingSaves() counts saves in flight, and nothing else: not the"
                            + " reply, not a save twice.")
                    .timeline(chat.timeline())
                    .failure();
        }
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
        return eventually(SOON, condition);
    }

    /** Whether {@code condition} holds within {@code bound}; checked at once, then every few milliseconds. */
    private static boolean eventually(Duration bound, BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return true;
        }
        try {
            Awaitility.await()
                    .dontCatchUncaughtExceptions()
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(5))
                    .atMost(bound)
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

        private Reachability tracked;
        /** Threads parked in the learner's code before this test's code ran (see ThreadWatch.parkedNow). */
        java.util.Set<Thread> parkedBefore = java.util.Set.of();

        Timeline timeline() {
            return timeline;
        }

        /** From now on, every future the store hands out and every user message it is given is tracked. */
        void track(Reachability reachability) {
            this.tracked = reachability;
        }

        /** Lets go of the finished calls, so that only the handler can still hold their futures. */
        void forgetFinished() {
            saves.forgetFinished();
            replies.forgetFinished();
        }

        /** Gives a thread that was handed a wait the time to start it, then fails if any thread waits. */
        void assertNoThreadWaits(String situation, Timeline drawn) {
            // Also sees a thread parked on a future combined from these (allOf(...).join()), which they cannot see.
            ThreadWatch.of(LESSON).assertNoneParked(BLOCKED_POOL_THREAD, situation, TimeScale.millis(100), drawn,
                    parkedBefore);
            saves.waits().assertNone(BLOCKED_POOL_THREAD, situation, drawn);
            replies.waits().assertNone(BLOCKED_POOL_THREAD, situation, drawn);
        }

        @Override
        public CompletableFuture<Void> save(Message message) {
            CompletableFuture<Void> future = saves.call(key(message));
            Reachability r = tracked;
            if (r != null) {
                r.track(future, "the future of " + saveLabel(message));
                if (Message.USER.equals(message.author())) {
                    r.track(message, "the message " + key(message));
                }
            }
            return future;
        }

        @Override
        public CompletableFuture<String> reply(String text) {
            return replies.call(text);
        }

        /**
         * Whether a call with this label has been made, or is made within {@link #SOON} (a quarter of it once a
         * wait for a call has run out in this run: see {@link Patience}).
         */
        boolean awaitCall(String label) {
            return PATIENCE.await(label + " was called", within -> awaitCall(label, within));
        }

        /** Whether a call with this label has been made, or is made within {@code within}. */
        boolean awaitCall(String label, Duration within) {
            for (ManualService<?> service : List.of(saves, replies)) {
                String prefix = service.name() + "(";
                if (label.startsWith(prefix)) {
                    return service.awaitCall(label.substring(prefix.length(), label.length() - 1), within);
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

        /** How many saves have finished, stored or failed. */
        int finishedSaves() {
            return saves.callCount() - saves.pending();
        }

        /** How many times the store was asked to save this message. */
        int saveCalls(Message message) {
            return java.util.Collections.frequency(saves.keys(), key(message));
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

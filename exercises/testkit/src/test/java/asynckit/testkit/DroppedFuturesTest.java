package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.fixtures.watched.Learner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DroppedFuturesTest {
    final DroppedFutures ledger = DroppedFutures.in(List.of(Learner.class));

    @Test
    void aFutureTheLearnerDropsIsNamedWithTheLineThatAskedForIt() {
        Learner.drops(() -> ledger.handOut("save(report)"));

        assertThat(ledger.dropped()).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo("save(report)");
            assertThat(e.composed()).isFalse();
            assertThat(e.site().getClassName()).isEqualTo(Learner.class.getName());
            assertThat(e.where()).startsWith("Learner.java:").endsWith("(in Learner.drops)");
            assertThat(e.describe()).isEqualTo("save(report), asked for at " + e.where()
                    + ", and nothing ever composed or returned it");
            assertThat(e.thread()).isEqualTo(Thread.currentThread().getName());
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFutureTheLearnerComposesIsNotDroppedAndSaysHow() {
        CompletableFuture<Integer> length = Learner.composes(() -> ledger.handOut("fetch(a)"));
        DroppedFutures.Entry entry = ledger.entries().get(0);

        assertThat(ledger.dropped()).isEmpty();
        assertThat(entry.composedBy()).isEqualTo("thenApply");
        ((CompletableFuture<String>) entry.future()).complete("abc");
        assertThat(length.join()).isEqualTo(3);
    }

    @Test
    void aDependentLikeAllOfOrBeingReturnedCountsAsComposed() {
        CompletableFuture<String> inAllOf = ledger.handOut("a");
        CompletableFuture<String> returned = ledger.handOut("b");
        CompletableFuture<Void> all = CompletableFuture.allOf(inAllOf);
        ledger.returned(returned);

        assertThat(ledger.dropped()).isEmpty();
        assertThat(ledger.entry(inAllOf)).get().extracting(DroppedFutures.Entry::composedBy)
                .isEqualTo("a dependent (allOf, anyOf or a combining step)");
        assertThat(ledger.entry(returned)).get().extracting(DroppedFutures.Entry::composedBy)
                .isEqualTo("being returned");
        inAllOf.complete("A");
        assertThat(all).isCompleted();
    }

    @Test
    void withoutALearnerFrameTheLineIsSaidToBeMissing() {
        CompletableFuture<String> f = ledger.handOut("x");
        assertThat(ledger.entry(f)).get().extracting(DroppedFutures.Entry::site).isNull();
        assertThat(DroppedFutures.where(null)).isEqualTo("(no line of your code was on the stack)");
    }

    @Test
    void aLambdaSiteIsNamedAfterItsMethod() {
        StackTraceElement lambda = new StackTraceElement("asynckit.ex06.report.DailyReport$1", "lambda$build$0",
                "DailyReport.java", 31);
        assertThat(DroppedFutures.where(lambda)).isEqualTo("DailyReport.java:31 (in DailyReport.build, in a lambda)");
    }
}

package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.fixtures.watched.Learner;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearnerCodeTest {
    final LearnerCode code = LearnerCode.of(List.of(Learner.class));
    final String learner = Learner.class.getName();
    final String loader = Learner.class.getClassLoader().getName();

    private static StackTraceElement frame(String loader, String cls, String method) {
        return new StackTraceElement(loader, null, null, cls, method, "X.java", 1);
    }

    @Test
    void ownsTheLearnersClassesTheirLambdasAndNestedClassesNothingElse() {
        assertThat(code.owns(learner)).isTrue();
        assertThat(code.owns(learner + "$1")).isTrue();
        assertThat(code.owns(learner + "$$Lambda/0x1234")).isTrue();
        assertThat(code.owns(LearnerCodeTest.class.getName())).isFalse();
        assertThat(code.owns("java.util.concurrent.CompletableFuture")).isFalse();
    }

    @Test
    void aFrameCountsOnlyFromTheLearnersClassLoader() {
        assertThat(code.owns(frame(loader, learner, "joins"))).isTrue();
        assertThat(code.owns(frame("run-2", learner, "joins"))).isEqualTo(loader == null);
    }

    @Test
    void heldByIsTheLearnersFrameRightBelowTheJdkAndTheKitsPassThroughFrames() {
        StackTraceElement[] joined = {
                frame(null, "jdk.internal.misc.Unsafe", "park"),
                frame(null, "java.util.concurrent.CompletableFuture", "join"),
                frame("kit", "asynckit.testkit.Waits$Watched", "join"),
                frame(loader, learner, "joins"),
                frame(loader, LearnerCodeTest.class.getName(), "test")};
        assertThat(code.heldBy(joined)).isEqualTo(3);
        assertThat(code.anywhereIn(joined)).isTrue();

        StackTraceElement[] calledBack = {
                frame(null, "java.util.concurrent.CompletableFuture", "join"),
                frame(loader, LearnerCodeTest.class.getName(), "service"),
                frame(loader, learner, "callsBack")};
        assertThat(code.heldBy(calledBack)).isEqualTo(-1);
        assertThat(code.anywhereIn(calledBack)).isTrue();
    }

    @Test
    void aLessonWithoutAManifestPlaysTheLearnerItself() {
        LearnerCode everything = LearnerCode.of(new Lesson("00-example"));
        assertThat(everything.owns(LearnerCodeTest.class.getName())).isTrue();
        assertThat(everything.owns(ThreadWatch.class.getName())).isFalse();
        assertThat(everything.owns("org.junit.platform.Launcher")).isFalse();
        assertThat(everything.frameHere().getClassName()).isEqualTo(LearnerCodeTest.class.getName());
    }
}

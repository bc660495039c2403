package asynckit.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SpinLoopsTest {

    @SuppressWarnings("unused")
    static final class Spins {
        static String whileNotDone(CompletableFuture<String> f) {
            while (!f.isDone()) {
                Thread.onSpinWait();
            }
            return f.resultNow();
        }

        static String emptyBody(Future<String> f) {
            while (!f.isDone()) { }
            return f.resultNow();
        }

        static String doWhile(CompletableFuture<String> f) {
            int spins = 0;
            do {
                spins++;
            } while (!f.isDone());
            return f.resultNow() + spins;
        }

        static String withADeadline(CompletableFuture<String> f, long deadline) {
            while (System.nanoTime() < deadline && !f.isDone()) {
                Thread.onSpinWait();
            }
            return f.getNow("late");
        }

        static String onState(CompletableFuture<String> f) {
            while (f.state() == Future.State.RUNNING) {
                Thread.onSpinWait();
            }
            return f.resultNow();
        }

        static Runnable inALambda(CompletableFuture<String> f) {
            return () -> {
                while (!f.isDone()) {
                    Thread.onSpinWait();
                }
            };
        }
    }

    @SuppressWarnings("unused")
    static final class NoSpins {
        static int countDone(List<CompletableFuture<String>> all) {
            int n = 0;
            for (CompletableFuture<String> f : all) {
                if (f.isDone()) {
                    n++;
                }
            }
            return n;
        }

        static List<CompletableFuture<String>> skipDone(List<CompletableFuture<String>> all) {
            List<CompletableFuture<String>> pending = new ArrayList<>();
            for (CompletableFuture<String> f : all) {
                if (f.isDone()) {
                    continue;
                }
                pending.add(f);
            }
            return pending;
        }

        static int skipPending(List<CompletableFuture<String>> all) {
            int n = 0;
            for (CompletableFuture<String> f : all) {
                if (!f.isDone()) {
                    n++;
                    continue;
                }
                n += 2;
            }
            return n;
        }

        static List<String> drain(List<CompletableFuture<String>> all) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < all.size() && all.get(i).isDone()) {
                out.add(all.get(i++).resultNow());
            }
            return out;
        }

        static void onceInACallback(CompletableFuture<String> f, CompletableFuture<String> result) {
            f.whenComplete((v, e) -> {
                if (!result.isDone()) {
                    result.complete(v);
                }
            });
        }
    }

    private static List<SpinLoops.Spin> scan(Class<?> c) throws IOException {
        List<SpinLoops.Spin> found = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>(List.of(c));
        for (Class<?> cl : classes) {
            String resource = "/" + cl.getName().replace('.', '/') + ".class";
            try (InputStream in = SpinLoopsTest.class.getResourceAsStream(resource)) {
                SpinLoops.scan(in.readAllBytes(), SpinLoopsTest.class.getClassLoader(), found);
            }
        }
        return found;
    }

    @Test
    void findsEveryLoopThatWaitsByAskingAFutureAgainAndAgain() throws IOException {
        List<SpinLoops.Spin> found = scan(Spins.class);
        assertThat(found).extracting(SpinLoops.Spin::method)
                .containsExactlyInAnyOrder("whileNotDone", "emptyBody", "doWhile", "withADeadline", "onState",
                        "lambda$inALambda$0");
        assertThat(found).allSatisfy(s -> assertThat(s.line()).isPositive());
        assertThat(found).extracting(SpinLoops.Spin::call).contains("CompletableFuture.isDone()", "Future.isDone()",
                "CompletableFuture.state()");
    }

    @Test
    void leavesLoopsThatLookAtEachFutureOnceAlone() throws IOException {
        assertThat(scan(NoSpins.class)).isEmpty();
    }
}

package asynckit.testkit.internal;

import com.tngtech.archunit.thirdparty.org.objectweb.asm.Label;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Finds loops that wait for a future by asking it again and again ({@code while (!f.isDone()) {}}): a
 * spin-wait that no blocking call gives away, and that no run-time check sees when it runs on a pool thread.
 * It reads the bytecode (ArchUnit's copy of ASM): a call of {@code isDone}, {@code isCompletedExceptionally},
 * {@code isCancelled} or {@code state} on a {@link Future} whose answer decides whether a loop goes round
 * again, that is the branch right after the call either jumps back to before it ({@code do ... while}), or
 * leaves a loop whose back jump returns to before it ({@code while}, {@code for}). A loop that merely looks
 * at each of many futures once ({@code for (f : all) if (f.isDone()) n++}) is not a spin: its branch only
 * skips a step inside the loop.
 */
public final class SpinLoops {
    private static final Set<String> QUESTIONS = Set.of("isDone", "isCompletedExceptionally", "isCancelled", "state");
    /** How many instructions may stand between the question and the branch on its answer (state() == RUNNING: 2). */
    private static final int NEAR = 4;
    /** How far before the question a while loop's condition may start (a deadline check before it, say). */
    private static final int HEAD = 16;

    private SpinLoops() {}

    /**
     * One loop that spins on a future.
     *
     * @param className  binary name of the class holding the loop (with {@code $} for nested and lambda classes)
     * @param method     the method holding it (a lambda's synthetic method, {@code lambda$run$0}, as compiled)
     * @param descriptor that method's descriptor
     * @param file       the source file, as compiled
     * @param line       the line of the question, or 0 when the class has no line numbers
     * @param call       the question, e.g. {@code CompletableFuture.isDone()}
     */
    public record Spin(String className, String method, String descriptor, String file, int line, String call) {}

    /** Every spin loop in the class files of {@code anchor}'s package (see {@link ClassFiles}). */
    public static List<Spin> in(Class<?> anchor) {
        List<Spin> found = new ArrayList<>();
        for (Path file : ClassFiles.of(anchor)) {
            try {
                scan(Files.readAllBytes(file), anchor.getClassLoader(), found);
            } catch (IOException | RuntimeException e) {
                // an unreadable class file: nothing to say about it
            }
        }
        return found;
    }

    static void scan(byte[] bytes, ClassLoader loader, List<Spin> found) {
        ClassFiles.scanMethods(bytes, (className, source, access, name, descriptor) -> new Method(loader) {
            @Override
            void spin(int line, String call) {
                found.add(new Spin(className.replace('/', '.'), name, descriptor, source, line, call));
            }
        });
    }

    /** Numbers the instructions, remembers jumps, labels and questions, and judges them at the end. */
    private abstract static class Method extends MethodVisitor {
        private final ClassLoader loader;
        private final Map<Label, Integer> labels = new HashMap<>();
        private final List<Object[]> jumps = new ArrayList<>();      // {index, opcode, label}
        private final List<Object[]> questions = new ArrayList<>();  // {index, line, call, receiver}
        private final List<Object[]> stores = new ArrayList<>();     // {index, variable or field}
        private String last = "";                                      // the variable or field just loaded, else ""
        private int index;
        private int line;

        Method(ClassLoader loader) {
            super(Opcodes.ASM9);
            this.loader = loader;
        }

        abstract void spin(int line, String call);

        @Override
        public void visitLabel(Label label) {
            labels.put(label, index);
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            jumps.add(new Object[] {index++, opcode, label});
            last = "";
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (QUESTIONS.contains(name) && descriptor.startsWith("()") && isFuture(owner) && !last.isEmpty()) {
                // Only a future read from a variable or a field: the same future, asked again and again.
                questions.add(new Object[] {index, line, owner.substring(owner.lastIndexOf('/') + 1) + "." + name + "()",
                        last});
            }
            index++;
            last = "";
        }

        private boolean isFuture(String owner) {
            String name = owner.replace('/', '.');
            if (name.equals(Future.class.getName()) || name.equals("java.util.concurrent.CompletableFuture")) {
                return true;
            }
            try {
                return Future.class.isAssignableFrom(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                return false;
            }
        }

        @Override
        public void visitInsn(int opcode) {
            index++;
            last = "";
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            index++;
            last = "";
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            if (opcode == Opcodes.ASTORE || opcode == Opcodes.ISTORE || opcode == Opcodes.LSTORE) {
                stores.add(new Object[] {index, "local " + varIndex});
            }
            last = opcode == Opcodes.ALOAD ? "local " + varIndex : "";
            index++;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            index++;
            last = "";
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                stores.add(new Object[] {index, "field " + owner + "." + name});
            }
            last = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC ? "field " + owner + "." + name : "";
            index++;
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor,
                                           com.tngtech.archunit.thirdparty.org.objectweb.asm.Handle handle,
                                           Object... arguments) {
            index++;
            last = "";
        }

        @Override
        public void visitLdcInsn(Object value) {
            index++;
            last = "";
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            stores.add(new Object[] {index++, "local " + varIndex});
            last = "";
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
            index++;
            last = "";
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
            index++;
            last = "";
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            index++;
            last = "";
        }

        @Override
        public void visitEnd() {
            for (Object[] q : questions) {
                int at = (int) q[0];
                Object[] branch = jumps.stream()
                        .filter(j -> (int) j[0] > at && (int) j[0] <= at + NEAR && (int) j[1] != Opcodes.GOTO)
                        .findFirst().orElse(null);
                if (branch == null) {
                    continue;
                }
                int from = (int) branch[0];
                Integer to = labels.get((Label) branch[2]);
                if (to == null) {
                    continue;
                }
                boolean doWhile = to <= at;
                // while: the branch leaves the loop, and the loop's back jump (the last instruction before the
                // exit) returns to the loop's condition, of which the question is part: every other branch
                // between the loop's head and the question leaves the loop too (a && b && !f.isDone()). A
                // for-each that skips done futures jumps back to its iterator, whose branch goes elsewhere.
                boolean whileLoop = to > from && jumps.stream().anyMatch(j -> {
                    if ((int) j[1] != Opcodes.GOTO || (int) j[0] != to - 1) {
                        return false;
                    }
                    int head = labels.getOrDefault((Label) j[2], Integer.MAX_VALUE);
                    return head <= at && at - head <= HEAD && jumps.stream()
                            .filter(k -> (int) k[0] >= head && (int) k[0] < at)
                            .allMatch(k -> (int) k[1] != Opcodes.GOTO && to.equals(labels.get((Label) k[2])));
                });
                if (!doWhile && !whileLoop) {
                    continue;
                }
                // The loop's range: from its head (a do-while's target, a while's back jump's target) to its end.
                int start = doWhile ? to : jumps.stream().filter(j -> (int) j[1] == Opcodes.GOTO && (int) j[0] == to - 1)
                        .map(j -> labels.getOrDefault((Label) j[2], at)).findFirst().orElse(at);
                int end = doWhile ? from : to;
                boolean reassigned = stores.stream()
                        .anyMatch(st -> (int) st[0] >= start && (int) st[0] <= end && st[1].equals(q[3]));
                if (!reassigned) {
                    spin((int) q[1], (String) q[2]);
                }
            }
        }
    }
}

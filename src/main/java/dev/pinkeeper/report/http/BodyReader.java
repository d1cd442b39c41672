package dev.pinkeeper.report.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without ever blocking a thread: it takes what has arrived and asks Jetty to
 * call it again when more comes, so a collector thread never waits on a slow client. A body above
 * the limit is read on and thrown away (never kept), up to {@link #DRAIN_LIMIT} bytes, so that the
 * 413 reaches the client: closing a connection with unread data makes the kernel reset it.
 */
final class BodyReader implements Invocable.Task {
    /** What became of the body; exactly one method is called, once, on a Jetty thread. */
    interface Outcome {
        /** The whole body, at most the limit. */
        void read(byte[] body);

        /** The body was larger than the limit; {@code drained} if all of it was read and discarded. */
        void tooLarge(boolean drained);

        /** The body could not be read: the client was too slow ({@code late}), or the stream broke. */
        void failed(boolean late);
    }

    /** Most bytes of an oversized body read and thrown away; beyond this the connection is closed. */
    static final long DRAIN_LIMIT = 1 << 20;

    private final Request request;
    private final int maxBytes;
    private final long declared;
    private final Outcome outcome;
    private final Duration timeout;
    private final Scheduler scheduler;
    private Scheduler.Task deadline; // set when the reader first has to wait for bytes
    private volatile boolean late;
    private byte[] body;
    private int length;
    private long discarded = -1; // from 0 on, the body is over the limit and being discarded

    private BodyReader(Request request, int maxBytes, Duration timeout, Scheduler scheduler, Outcome outcome) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.declared = request.getLength();
        this.outcome = outcome;
    }

    /**
     * Starts reading the body of {@code request}; {@code outcome} hears once how it ended. The whole
     * body must arrive within {@code timeout} of the first wait for it (a body that came with the
     * headers, the usual case, needs no timer).
     */
    static void read(Request request, int maxBytes, Duration timeout, Scheduler scheduler, Outcome outcome) {
        BodyReader reader = new BodyReader(request, maxBytes, timeout, scheduler, outcome);
        if (reader.declared > maxBytes) {
            reader.discarded = 0;
        } else {
            reader.body = new byte[reader.declared >= 0 ? (int) reader.declared : Math.min(8192, maxBytes)];
        }
        reader.run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (deadline == null) {
                    deadline = scheduler.schedule(() -> {
                        late = true;
                        request.fail(new TimeoutException("body not received in time"));
                    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                cancelDeadline();
                outcome.failed(late);
                return;
            }
            take(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (discarded > DRAIN_LIMIT) {
                cancelDeadline();
                outcome.tooLarge(false);
                return;
            }
            if (last) {
                cancelDeadline();
                if (discarded >= 0) {
                    outcome.tooLarge(true);
                } else if (declared >= 0 && length != declared) {
                    outcome.failed(false);
                } else {
                    outcome.read(length == body.length ? body : Arrays.copyOf(body, length));
                }
                return;
            }
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private void take(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (discarded < 0 && length + n > maxBytes) {
            discarded = length;
            body = null;
        }
        if (discarded >= 0) {
            discarded += n;
            bytes.position(bytes.limit());
            return;
        }
        if (length + n > body.length) {
            body = Arrays.copyOf(body, Math.min(maxBytes, Math.max(length + n, body.length * 2)));
        }
        bytes.get(body, length, n);
        length += n;
    }

    /** Never blocks, so Jetty may run it on the thread that found the bytes. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}

package asynckit.ex01;

import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous HTTP-like client (given; do not change it). {@code fetch} returns at once; the
 * future completes when the page has arrived, some hundreds of milliseconds later.
 */
public interface PageClient {
    CompletableFuture<String> fetch(String url);
}

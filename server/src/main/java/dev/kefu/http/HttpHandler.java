package dev.kefu.http;

/** Handles one routed HTTP request. Runs on a virtual thread, so it may block on storage. */
@FunctionalInterface
public interface HttpHandler {
    Response handle(Request request) throws Exception;
}

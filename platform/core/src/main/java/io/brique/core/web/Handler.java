package io.brique.core.web;

/** One route's handler: parse and validate input, one service call, render or answer JSON. */
@FunctionalInterface
public interface Handler {
    void handle(Ctx ctx) throws Exception;
}

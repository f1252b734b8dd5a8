package io.brique.core.plugin;

/** A plugin operation was refused or failed; the message says why in words an operator understands. */
public final class PluginException extends RuntimeException {

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}

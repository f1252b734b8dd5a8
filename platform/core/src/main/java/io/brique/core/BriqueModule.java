package io.brique.core;

/**
 * An optional part of the shop wired at boot (the admin console is one): a factory called once, after
 * the core services and the plugin host exist and before plugins start and HTTP opens. It registers
 * its routes and hooks from what {@link ModuleServices} gives it. No ServiceLoader: the distribution
 * lists its modules explicitly ({@code Brique.start(config, List.of(new AdminModule()))}).
 */
public interface BriqueModule {

    /** Short name for the boot log. */
    String name();

    /** Wires the module; what it returns is closed at shutdown, before the core stops. */
    AutoCloseable start(ModuleServices services) throws Exception;
}

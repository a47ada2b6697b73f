package io.vpcflow.cli.job;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.classloading.SubmoduleClassLoader;
import org.apache.flink.runtime.rpc.CleanupOnCloseRpcSystem;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Flink's RPC system (Pekko) from {@code flink-rpc-akka.jar} beside {@code vpcflow.jar}, where the build puts it.
 * Flink's own loader extracts the same 21 MB jar from inside {@code vpcflow.jar} into a temporary file at every
 * start, on the embedded cluster's way up (BENCHMARKS.md, issue 23). Its classes still get a loader of their own,
 * as Flink's loader gives them: they bring their own Scala. Without that jar (a {@code vpcflow.jar} copied alone,
 * tests on the build's class path) this loader declines, and Flink's, next in priority, runs.
 */
public final class BesideTheJarRpcSystemLoader implements RpcSystemLoader {
    static final String JAR = "flink-rpc-akka.jar";

    /** Before Flink's {@code PekkoRpcSystemLoader} (0). */
    @Override
    public int getLoadPriority() {
        return -1;
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        Path jar = beside();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new RpcLoaderException("no " + JAR + " beside vpcflow.jar");
        }
        try {
            SubmoduleClassLoader loader =
                    new SubmoduleClassLoader(new URL[] {jar.toUri().toURL()}, RpcSystem.class.getClassLoader());
            // Flink's own wrapper: closes the system, then its loader; with no temporary file to delete.
            return new CleanupOnCloseRpcSystem(
                    ServiceLoader.load(RpcSystem.class, loader).iterator().next(), loader, null);
        } catch (MalformedURLException | RuntimeException e) {
            throw new RpcLoaderException("cannot load Flink's RPC system from " + jar, e);
        }
    }

    /** The jar in the folder this class was loaded from: beside vpcflow.jar, or beside the build's classes. */
    static Path beside() {
        try {
            URL here = BesideTheJarRpcSystemLoader.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation();
            Path parent = Path.of(here.toURI()).getParent();
            return parent == null ? null : parent.resolve(JAR);
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}

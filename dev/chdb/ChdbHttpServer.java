import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Current ClickHouse (the engine of chDB, ClickHouse built as a library) behind the part of
 * ClickHouse's HTTP interface Pulseboard uses, so that the stack and its end-to-end tests can run
 * their SQL on a current release as well as on Debian's 18.16. Only the npm registry offers a
 * current ClickHouse build on this machine class, and it offers the library, not the server.
 *
 * <p>What it serves, as the server does: {@code GET /ping}; a statement in the {@code query}
 * parameter with the request body appended as its data (how inserts arrive), or a statement as
 * the body; TabSeparated output unless the statement names a format; errors as status 500 with
 * ClickHouse's own message and the {@code X-ClickHouse-Exception-Code} header. Statements run one
 * at a time on one session.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED ChdbHttpServer.java LIBCHDB DATA_DIR PORT}
 */
public final class ChdbHttpServer {
    private static final Pattern ERROR_CODE = Pattern.compile("^Code: (\\d+)\\.");

    public static void main(String[] args) throws IOException {
        Chdb chdb = Chdb.open(Path.of(args[0]), Path.of(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])), 64);
        server.createContext("/ping", exchange -> respond(exchange, 200, "Ok.\n".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", exchange -> serveStatement(chdb, exchange));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("ClickHouse " + chdb.version() + " (chDB) serves HTTP on 127.0.0.1:" + args[2]);
    }

    private static void serveStatement(Chdb chdb, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String query = queryParameter(exchange.getRequestURI().getRawQuery());
        ByteArrayOutputStream statement = new ByteArrayOutputStream(body.length + 256);
        if (query != null) {
            statement.writeBytes(query.getBytes(StandardCharsets.UTF_8));
            statement.write('\n');
        }
        statement.writeBytes(body);
        Chdb.Result result = chdb.query(statement.toByteArray());
        if (result.error() == null) {
            respond(exchange, 200, result.output());
            return;
        }
        Matcher code = ERROR_CODE.matcher(result.error());
        exchange.getResponseHeaders().set("X-ClickHouse-Exception-Code", code.find() ? code.group(1) : "1001");
        respond(exchange, 500, (result.error() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String queryParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("query=")) {
                return URLDecoder.decode(pair.substring("query=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** One chDB session, called through the C API with the JDK's foreign function interface. */
    static final class Chdb {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;

        private final MethodHandle queryN;
        private final MethodHandle resultBuffer;
        private final MethodHandle resultLength;
        private final MethodHandle resultError;
        private final MethodHandle destroyResult;
        private final MemorySegment connection;

        record Result(byte[] output, String error) {
        }

        private Chdb(SymbolLookup library, MemorySegment connection) {
            this.connection = connection;
            queryN = function(library, "chdb_query_n", FunctionDescriptor.of(ValueLayout.ADDRESS,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, SIZE_T, ValueLayout.ADDRESS, SIZE_T));
            resultBuffer = function(library, "chdb_result_buffer", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            resultLength = function(library, "chdb_result_length", FunctionDescriptor.of(SIZE_T, ValueLayout.ADDRESS));
            resultError = function(library, "chdb_result_error", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            destroyResult = function(library, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        }

        static Chdb open(Path libchdb, Path dataDir) {
            SymbolLookup library = SymbolLookup.libraryLookup(libchdb, Arena.global());
            MethodHandle disableSignalHandlers = function(library, "chdb_set_signal_handlers_enabled",
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            MethodHandle connect = function(library, "chdb_connect",
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            Arena arena = Arena.global();
            String[] argv = {"clickhouse", "--path=" + dataDir.toAbsolutePath()};
            MemorySegment argvArray = arena.allocate(ValueLayout.ADDRESS, argv.length);
            for (int i = 0; i < argv.length; i++) {
                argvArray.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(argv[i]));
            }
            // chDB replaces the handlers of SIGSEGV, SIGBUS and others, which the JVM itself needs
            // (null checks, safepoints): they are put back as they were once chDB is set up.
            SignalDispositions jvmHandlers = SignalDispositions.save();
            MemorySegment connectionHandle;
            try {
                disableSignalHandlers.invokeExact(0);
                connectionHandle = (MemorySegment) connect.invokeExact(argv.length, argvArray);
            } catch (Throwable e) {
                throw new IllegalStateException("chdb_connect failed", e);
            } finally {
                jvmHandlers.restore();
            }
            if (connectionHandle.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("chdb_connect returned no connection for " + dataDir);
            }
            // chdb_connect hands out a pointer to the connection; queries take the connection itself.
            MemorySegment connection = connectionHandle.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
            return new Chdb(library, connection);
        }

        String version() {
            Result result = query("SELECT version()".getBytes(StandardCharsets.UTF_8));
            return result.error() == null ? new String(result.output(), StandardCharsets.UTF_8).trim() : "?";
        }

        synchronized Result query(byte[] statement) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment sql = arena.allocate(statement.length + 1L);
                sql.copyFrom(MemorySegment.ofArray(statement));
                MemorySegment format = arena.allocateFrom("TabSeparated");
                MemorySegment result = (MemorySegment) queryN.invokeExact(connection, sql, (long) statement.length,
                        format, format.byteSize() - 1);
                if (result.equals(MemorySegment.NULL)) {
                    return new Result(null, "Code: 1001. chDB returned no result");
                }
                try {
                    MemorySegment error = (MemorySegment) resultError.invokeExact(result);
                    if (!error.equals(MemorySegment.NULL)) {
                        return new Result(null, error.reinterpret(Long.MAX_VALUE).getString(0));
                    }
                    long length = (long) resultLength.invokeExact(result);
                    MemorySegment buffer = (MemorySegment) resultBuffer.invokeExact(result);
                    byte[] output = length == 0 || buffer.equals(MemorySegment.NULL)
                            ? new byte[0] : buffer.reinterpret(length).toArray(ValueLayout.JAVA_BYTE);
                    return new Result(output, null);
                } finally {
                    destroyResult.invokeExact(result);
                }
            } catch (Throwable e) {
                return new Result(null, "Code: 1001. " + e);
            }
        }

        private static MethodHandle function(SymbolLookup library, String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(library.findOrThrow(name), descriptor);
        }
    }

    /** The process's handlers of the signals chDB takes over, saved with sigaction(2) and put back. */
    static final class SignalDispositions {
        // SIGHUP..SIGSYS on Linux; a struct sigaction is 152 bytes on x86-64 glibc, 256 leaves room.
        private static final int LAST_SIGNAL = 31;
        private static final long SIGACTION_BYTES = 256;
        private static final MethodHandle SIGACTION = sigactionHandle();

        private final MemorySegment saved;

        private SignalDispositions(MemorySegment saved) {
            this.saved = saved;
        }

        private static MethodHandle sigactionHandle() {
            Linker linker = Linker.nativeLinker();
            return linker.downcallHandle(linker.defaultLookup().findOrThrow("sigaction"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        }

        static SignalDispositions save() {
            MemorySegment saved = Arena.global().allocate(SIGACTION_BYTES * (LAST_SIGNAL + 1));
            for (int signal = 1; signal <= LAST_SIGNAL; signal++) {
                call(signal, MemorySegment.NULL, saved.asSlice(signal * SIGACTION_BYTES, SIGACTION_BYTES));
            }
            return new SignalDispositions(saved);
        }

        void restore() {
            for (int signal = 1; signal <= LAST_SIGNAL; signal++) {
                if (signal != 9 && signal != 19) { // SIGKILL and SIGSTOP cannot be caught
                    call(signal, saved.asSlice(signal * SIGACTION_BYTES, SIGACTION_BYTES), MemorySegment.NULL);
                }
            }
        }

        private static void call(int signal, MemorySegment action, MemorySegment previous) {
            int status;
            try {
                status = (int) SIGACTION.invokeExact(signal, action, previous);
            } catch (Throwable e) {
                throw new IllegalStateException("sigaction(" + signal + ") failed", e);
            }
            if (status != 0) {
                throw new IllegalStateException("sigaction(" + signal + ") returned " + status);
            }
        }
    }
}

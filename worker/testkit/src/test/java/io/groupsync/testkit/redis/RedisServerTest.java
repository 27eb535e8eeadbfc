package io.groupsync.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void stoppedItRefusesConnectionsAndStartedAgainItServesOnTheSamePortEmpty() throws IOException {
        try (RedisServer redis = RedisServer.startNew()) {
            int port = redis.port();
            assertThat(command(port, "SET k v")).startsWith("+OK");
            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThat(refused(port)).isTrue();
            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(command(port, "GET k")).as("nothing persisted").startsWith("$-1");
        }
    }

    @Test
    void withAPasswordItRefusesCommandsUntilAuthenticated() throws IOException {
        try (RedisServer redis = RedisServer.startNew("pw-7Hq")) {
            assertThat(command(redis.port(), "GET k")).startsWith("-NOAUTH");
            assertThat(command(redis.port(), "AUTH pw-7Hq")).startsWith("+OK");
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** One inline command on a fresh connection; the first line of the answer. */
    private static String command(int port, String line) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                answer.append((char) c);
            }
            return answer.toString();
        }
    }
}

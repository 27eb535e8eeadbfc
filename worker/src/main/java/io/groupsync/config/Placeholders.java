package io.groupsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}}, always as a whole value (no interpolation inside text, so a
 * secret is never spliced into other text). Problems name the variable or the file, never what it holds.
 */
final class Placeholders {

    /** A secret is small; the cap keeps a mistaken {@code ${file:/dev/zero}} from hanging the worker. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Pattern FORM = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;
    private final Path baseDir;

    /**
     * @param baseDir where relative {@code ${file:}} paths start: the config file's directory, or null for the
     *                working directory
     */
    Placeholders(Map<String, String> env, Path baseDir) {
        this.env = env;
        this.baseDir = baseDir;
    }

    static boolean isPlaceholder(String text) {
        return text.startsWith("${");
    }

    /** The value the placeholder stands for, or empty after telling {@code problems} why not. */
    Optional<String> resolve(String setting, String text, Problems problems) {
        Matcher m = FORM.matcher(text);
        try {
            if (!m.matches()) {
                throw new IllegalArgumentException("only ${env:NAME} and ${file:/path} are supported, as the whole value");
            }
            return Optional.of(m.group(1).equals("env") ? fromEnv(m.group(2)) : fromFile(m.group(2)));
        } catch (IllegalArgumentException e) {
            problems.add(setting, e.getMessage());
            return Optional.empty();
        }
    }

    private String fromEnv(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("${env:" + name + "} does not name an environment variable");
        }
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + (value == null ? " is not set" : " is empty"));
        }
        return value;
    }

    private String fromFile(String ref) {
        Path path;
        try {
            path = baseDir == null ? Path.of(ref) : baseDir.resolve(ref);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("${file:" + ref + "} is not a file path");
        }
        if (ref.isEmpty() || Files.isDirectory(path)) {
            throw new IllegalArgumentException("${file:" + ref + "} must name a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read file " + path + ": " + why(e));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("file " + path + " is larger than " + MAX_FILE_BYTES / 1024
                    + " KiB; is it the right file?");
        }
        // Secret files often end in a newline (echo, editors); it is never part of the secret.
        String value = new String(bytes, StandardCharsets.UTF_8).replaceFirst("[\\r\\n]+$", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("file " + path + " is empty");
        }
        return value;
    }

    /** Why a file could not be read, in words that name no content. */
    static String why(IOException e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    }
}

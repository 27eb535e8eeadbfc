package io.groupsync.imapi.rongcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.event.JoinOption;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Golden requests: a patch, and the form RongCloud should get for it, kept as a test resource written the way the
 * vendor page writes its sample ({@code name=value&…}, values not encoded; a line break after {@code &} is allowed).
 * The first is the vendor page's own sample request, verbatim.
 */
enum RongCloudSample {

    PAGE_SAMPLE("profile-update-page-sample.form", Target.group(), () -> Patch.empty()
            .set(Field.NAME, "Group name")
            .set(Field.INTRODUCTION, "Group introduction")),
    EVERY_GROUP_FIELD("profile-update-every-field.form", Target.group(), () -> Patch.empty()
            .set(Field.NAME, "Group name")
            .set(Field.INTRODUCTION, "Group introduction")
            .set(Field.NOTIFICATION, "Read the rules 📌")
            .set(Field.FACE_URL, "https://cdn.example.com/g/1.png")
            .set(Field.JOIN_OPTION, JoinOption.NEED_PERMISSION)
            .set(Field.RONGCLOUD_REMOVE_PERM, RongCloudManagerScope.OWNER_AND_ADMINS)
            .set(Field.RONGCLOUD_MEM_INVITE_PERM, RongCloudManagerScope.ALL_MEMBERS)
            .set(Field.RONGCLOUD_INVITE_PERM, RongCloudInviteConsent.REQUIRED)
            .set(Field.RONGCLOUD_PROFILE_PERM, RongCloudManagerScope.OWNER)
            .set(Field.RONGCLOUD_MEM_PROFILE_PERM, RongCloudMemberProfileScope.SELF_ONLY)
            .putCustom("level", "gold")
            .putCustom("ext_region", "eu")),
    CUSTOM_DATA_DELETED("profile-update-custom-data-deleted.form", Target.group(), () -> Patch.empty()
            .putCustom("level", null)
            .putCustom("region", "apac")),
    JOIN_DISABLED("profile-update-join-disabled.form", Target.group(), () -> Patch.empty()
            .set(Field.JOIN_OPTION, JoinOption.DISABLE_APPLY)),
    MEMBER_NICKNAME("member-set-nickname.form", Target.member(RongCloudSample.USER_ID), () -> Patch.empty()
            .set(Field.NAME_CARD, "Captain 🚀")),
    MEMBER_NICKNAME_AND_EXTRA("member-set-nickname-and-extra.form", Target.member(RongCloudSample.USER_ID),
            () -> Patch.empty()
                    .set(Field.NAME_CARD, "Captain")
                    .putCustom("extra", "{\"team\":\"blue\"}")),
    MEMBER_EXTRA_CLEARED("member-set-extra-cleared.form", Target.member(RongCloudSample.USER_ID),
            () -> Patch.empty()
                    .set(Field.NAME_CARD, "Captain")
                    .putCustom("extra", null));

    static final String GROUP_ID = "testGroupId";
    static final String USER_ID = "user_01";
    /** Form fields whose values are JSON texts, compared as trees. */
    static final Set<String> JSON_FIELDS = Set.of("groupProfile", "permissions", "groupExtProfile");

    private static final ObjectMapper JSON = new ObjectMapper();

    final String resource;
    final Target target;
    private final Supplier<Patch> patch;

    RongCloudSample(String resource, Target target, Supplier<Patch> patch) {
        this.resource = resource;
        this.target = target;
        this.patch = patch;
    }

    /** A fresh patch: patches are mutable. */
    Patch patch() {
        return patch.get();
    }

    /** The expected form, by field, in the file's order. */
    Map<String, String> expectedForm() {
        try (InputStream in = RongCloudSample.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return unencoded(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("&\n", "&").strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form written as the vendor page writes it, values not encoded (so none may hold {@code &}). */
    static Map<String, String> unencoded(String text) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            form.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return form;
    }

    /** A request body as RongCloud reads it: URL-decoded, by field, in the body's order. */
    static Map<String, String> decode(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

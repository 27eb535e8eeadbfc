package io.groupsync.schemas;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.event.GroupType;
import io.groupsync.event.InviteOption;
import io.groupsync.event.JoinOption;
import io.groupsync.event.MemberProfilePatch;
import io.groupsync.event.MemberRole;
import io.groupsync.event.MsgFlag;
import io.groupsync.event.OpenImGroupSettings;
import io.groupsync.event.OpenImPermission;
import io.groupsync.event.RongCloudInviteConsent;
import io.groupsync.event.RongCloudManagerScope;
import io.groupsync.event.RongCloudMemberProfileScope;
import io.groupsync.event.RongCloudPermissions;
import io.groupsync.event.SkippedField;
import io.groupsync.event.SyncResult;
import io.groupsync.event.SyncStatus;
import io.groupsync.event.Vendor;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/** Fully populated records of every type, built the way an upstream service would, and a way to compare them. */
final class Events {
  static final Instant OCCURRED_AT = Instant.parse("2025-03-01T08:15:30.123Z");

  private Events() {}

  static GroupChange groupProfileChange() {
    Map<String, String> customData = new HashMap<>();
    customData.put("level", "gold");
    customData.put("retired", null);
    customData.put("emptied", "");
    return GroupChange.newBuilder()
        .setEventId("evt-0001")
        .setOccurredAt(OCCURRED_AT)
        .setGroupId("@TGS#2J4SZEAEL")
        .setGroupType(GroupType.PUBLIC)
        .setOperator("admin-7")
        .setTargetRoutes(List.of("tencent-sg", "openim-main"))
        .setPatch(GroupProfilePatch.newBuilder()
            .setName("周末骑行")
            .setIntroduction("Rides every Saturday")
            .setNotification("Meet at 7:00 by the bridge")
            .setFaceUrl("https://cdn.example.com/g/ride.png")
            .setMaxMemberNum(500)
            .setJoinOption(JoinOption.NEED_PERMISSION)
            .setInviteOption(InviteOption.DISABLE_INVITE)
            .setMuteAll(true)
            .setCustomData(customData)
            .setOpenIm(OpenImGroupSettings.newBuilder()
                .setLookMemberInfo(OpenImPermission.NOT_ALLOWED)
                .setApplyMemberFriend(OpenImPermission.ALLOWED)
                .build())
            .setRongCloud(RongCloudPermissions.newBuilder()
                .setRemovePerm(RongCloudManagerScope.OWNER)
                .setMemInvitePerm(RongCloudManagerScope.ALL_MEMBERS)
                .setProfilePerm(RongCloudManagerScope.OWNER_AND_ADMINS)
                .setInvitePerm(RongCloudInviteConsent.REQUIRED)
                .setMemProfilePerm(RongCloudMemberProfileScope.SELF_ONLY)
                .build())
            .build())
        .build();
  }

  static GroupChange memberProfileChange() {
    Map<String, String> customData = new HashMap<>();
    customData.put("title", "captain");
    customData.put("badge", null);
    return GroupChange.newBuilder()
        .setEventId("evt-0002")
        .setOccurredAt(OCCURRED_AT)
        .setGroupId("@TGS#2J4SZEAEL")
        .setGroupType(GroupType.COMMUNITY)
        .setOperator("admin-7")
        .setTargetRoutes(List.of("rongcloud-cn"))
        .setPatch(MemberProfilePatch.newBuilder()
            .setMemberId("user-42")
            .setRole(MemberRole.ADMIN)
            .setNameCard("Captain Li")
            .setMsgFlag(MsgFlag.ACCEPT_NOT_NOTIFY_EXCEPT_AT)
            .setMuteSeconds(4_294_967_295L)
            .setCustomData(customData)
            .build())
        .build();
  }

  /** Only the required fields: every optional one stays null. */
  static GroupChange minimalChange() {
    return GroupChange.newBuilder()
        .setEventId("evt-0003")
        .setOccurredAt(OCCURRED_AT)
        .setGroupId("g-1")
        .setPatch(GroupProfilePatch.newBuilder().build())
        .build();
  }

  static SyncResult syncResult() {
    return SyncResult.newBuilder()
        .setEventId("evt-0001")
        .setRoute("openim-main")
        .setVendor(Vendor.OPENIM)
        .setGroupId("@TGS#2J4SZEAEL")
        .setMemberId("user-42")
        .setStatus(SyncStatus.PARTLY_APPLIED)
        .setAppliedFields(List.of("name", "introduction", "customData"))
        .setSkippedFields(List.of(
            SkippedField.newBuilder().setField("maxMemberNum").setReason("OpenIM has no such field").build(),
            SkippedField.newBuilder().setField("rongCloud").setReason("RongCloud-only setting").build()))
        .setVendorCode(0)
        .setHttpStatus(200)
        .setMessage("ok")
        .setAttempts(2)
        .setDispatchId("dsp-9f2c")
        .setDispatchEventCount(3)
        .setSourceTopic("groupsync.events")
        .setSourcePartition(4)
        .setSourceOffset(1_234_567_890_123L)
        .setOccurredAt(OCCURRED_AT)
        .setConsumedAt(OCCURRED_AT.plusMillis(250))
        .setCompletedAt(OCCURRED_AT.plusMillis(1_480))
        .build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.VENDOR_PERMANENT)
        .setMessage("Tencent 10007: no permission")
        .setEventId("evt-0001")
        .setRoute("tencent-sg")
        .setVendor(Vendor.TENCENT)
        .setVendorCode(10007)
        .setHttpStatus(200)
        .setAttempts(1)
        .setFailedRequest("POST /v4/group_open_http_svc/modify_group_base_info?sdkappid=1400000000&usersig=***")
        .setFailedAt(OCCURRED_AT.plusSeconds(2))
        .build();
  }

  /** A record with its codec, so tests can run over every type. */
  record Sample<T extends IndexedRecord>(String label, T record, AvroCodec<T> codec) {
    byte[] encoded() {
      return codec.encode(record);
    }

    T decode(byte[] message) throws DecodeException {
      return codec.decode(message);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Sample<?>> samples() {
    return Stream.of(
        new Sample<>("GroupChange with a group patch", groupProfileChange(), AvroCodec.groupChange()),
        new Sample<>("GroupChange with a member patch", memberProfileChange(), AvroCodec.groupChange()),
        new Sample<>("GroupChange with only required fields", minimalChange(), AvroCodec.groupChange()),
        new Sample<>("SyncResult", syncResult(), AvroCodec.syncResult()),
        new Sample<>("DeadLetter", deadLetter(), AvroCodec.deadLetter()));
  }

  /**
   * The record as plain values (strings, epoch millis, symbol names, lists, sorted maps, a map per record naming its
   * type), so a generated record, a generic one read with a plain reader and one read with another version compare.
   */
  static Object plain(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> symbol) {
      return symbol.name();
    }
    if (value instanceof GenericEnumSymbol<?> symbol) {
      return symbol.toString();
    }
    if (value instanceof IndexedRecord record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("@type", record.getSchema().getFullName());
      for (Schema.Field field : record.getSchema().getFields()) {
        fields.put(field.name(), plain(record.get(field.pos())));
      }
      return fields;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Events::plain).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, entry) -> sorted.put(key.toString(), plain(entry)));
      return sorted;
    }
    return value;
  }
}

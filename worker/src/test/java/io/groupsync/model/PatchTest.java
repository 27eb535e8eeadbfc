package io.groupsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.groupsync.event.JoinOption;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PatchTest {

    @Test
    void laterValueWinsFieldByFieldAndAbsentFieldsAreKept() {
        Patch merged = Patch.empty().set(Field.NAME, "a").set(Field.NOTIFICATION, "n1")
                .merge(Patch.empty().set(Field.NAME, "b").set(Field.JOIN_OPTION, JoinOption.FREE_ACCESS));
        assertThat(merged.get(Field.NAME, String.class)).isEqualTo("b");
        assertThat(merged.get(Field.NOTIFICATION, String.class)).isEqualTo("n1");
        assertThat(merged.get(Field.JOIN_OPTION, JoinOption.class)).isEqualTo(JoinOption.FREE_ACCESS);
    }

    @Test
    void anEmptyStringIsAValueNotAnAbsence() {
        Patch merged = Patch.empty().set(Field.INTRODUCTION, "hello").merge(Patch.empty().set(Field.INTRODUCTION, ""));
        assertThat(merged.get(Field.INTRODUCTION, String.class)).isEmpty();
    }

    @Test
    void customDataMergesByKeyAndANullOrEmptyValueDeletes() {
        Patch merged = Patch.empty().putCustom("a", "1").putCustom("b", "2")
                .merge(Patch.empty().putCustom("b", null).putCustom("c", "3"))
                .merge(Patch.empty().putCustom("a", ""));
        assertThat(merged.customData()).containsOnly(entry("a", null), entry("b", null), entry("c", "3"));
    }

    @Test
    void aDeletionIsOverriddenByALaterValue() {
        Patch merged = Patch.empty().putCustom("k", null).merge(Patch.empty().putCustom("k", "back"));
        assertThat(merged.customData()).containsOnly(entry("k", "back"));
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        Patch original = Patch.empty().set(Field.NAME, "a").putCustom("k", "v");
        Patch copy = original.copy().set(Field.NAME, "b").putCustom("k", "w");
        assertThat(original.get(Field.NAME, String.class)).isEqualTo("a");
        assertThat(original.customData()).containsOnly(entry("k", "v"));
        assertThat(copy).isNotEqualTo(original);
    }

    @Test
    void fieldsNameTheCustomDataFieldOfTheTargetKind() {
        Patch patch = Patch.empty().set(Field.NAME_CARD, "x").putCustom("k", "v");
        assertThat(patch.fields(TargetKind.MEMBER)).isEqualTo(EnumSet.of(Field.NAME_CARD, Field.MEMBER_CUSTOM_DATA));
        assertThat(Patch.empty().putCustom("k", "v").fields(TargetKind.GROUP)).containsExactly(Field.CUSTOM_DATA);
    }

    @Test
    void withoutRemovesAFieldOrAllCustomData() {
        Patch patch = Patch.empty().set(Field.NAME, "a").putCustom("k", "v");
        patch.without(Field.CUSTOM_DATA).without(Field.NAME);
        assertThat(patch.isEmpty()).isTrue();
    }
}

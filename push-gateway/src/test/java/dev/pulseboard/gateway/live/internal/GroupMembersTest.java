package dev.pulseboard.gateway.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupMembersTest {
    private final GroupMembers<String> members = new GroupMembers<>();

    @Test
    void aGroupSeenForTheFirstTimeWaitsForItsGracePeriod() {
        assertThat(members.allIn("eu", Set.of(1L, 2L))).isFalse();
    }

    @Test
    void aWindowIsCompleteOnceEverySeriesOfTheLastWindowIsIn() {
        members.sent("eu", Set.of(1L, 2L, 3L), 1_000);

        assertThat(members.allIn("eu", Set.of(1L, 2L))).isFalse();
        assertThat(members.allIn("eu", Set.of(1L, 2L, 3L))).isTrue();
        assertThat(members.allIn("eu", Set.of(1L, 2L, 3L, 4L))).as("a new series does not hold the others back").isTrue();
        assertThat(members.allIn("us", Set.of(1L, 2L, 3L))).as("members are per group").isFalse();
    }

    @Test
    void theLatestWindowSetsTheMembersAndSilentGroupsAreForgotten() {
        members.sent("eu", Set.of(1L, 2L), 1_000);
        members.sent("eu", Set.of(1L), 2_000);
        members.sent("us", Set.of(7L), 5_000);

        assertThat(members.allIn("eu", Set.of(1L))).as("a series that went quiet is no longer waited for").isTrue();

        members.forgetSilentSince(3_000);
        assertThat(members.allIn("eu", Set.of(1L))).isFalse();
        assertThat(members.allIn("us", Set.of(7L))).isTrue();
    }
}

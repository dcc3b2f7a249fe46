package dev.starling.protocol.push;

import java.util.regex.Pattern;

/**
 * Pusher Beams' naming rules, as its server and client SDKs enforce them: an interest is 1–164 characters of
 * {@code A-Z a-z 0-9 _ - = @ , . ;}; a user id is 1–164 characters of anything. A publish targets 1–100 interests or
 * 1–1000 users. Gateways use these to decide whether a channel name can be an interest.
 */
public final class BeamsNames {

    public static final int MAX_INTEREST_LENGTH = 164;
    public static final int MAX_USER_ID_LENGTH = 164;
    public static final int MAX_INTERESTS_PER_PUBLISH = 100;
    public static final int MAX_USERS_PER_PUBLISH = 1000;

    private static final Pattern INTEREST = Pattern.compile("[A-Za-z0-9_\\-=@,.;]+");

    private BeamsNames() {
    }

    public static boolean isValidInterest(String interest) {
        return interest != null && !interest.isEmpty() && interest.length() <= MAX_INTEREST_LENGTH
                && INTEREST.matcher(interest).matches();
    }

    public static boolean isValidUserId(String userId) {
        return userId != null && !userId.isEmpty() && userId.length() <= MAX_USER_ID_LENGTH;
    }
}

package io.vpcflow.inventory;

import java.util.regex.Pattern;

/**
 * The shapes of the AWS names vpcflow takes from other people's accounts and folder names (an account id, a region)
 * before it names a folder or an ARN by them: nothing else may become a path.
 */
public final class AwsNames {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private AwsNames() {}

    /** A 12-digit account id. */
    public static boolean isAccount(String s) {
        return s != null && ACCOUNT.matcher(s).matches();
    }

    /** A region name such as {@code us-east-1} or {@code us-gov-west-1}. */
    public static boolean isRegion(String s) {
        return s != null && REGION.matcher(s).matches();
    }
}

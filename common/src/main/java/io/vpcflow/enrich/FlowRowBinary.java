package io.vpcflow.enrich;

import io.vpcflow.flowlog.Action;
import io.vpcflow.flowlog.LogStatus;
import io.vpcflow.net.AddressCache;
import io.vpcflow.net.IpAddress;
import io.vpcflow.ownership.OwnerKind;
import io.vpcflow.text.TextCache;
import io.vpcflow.verdict.Direction;
import io.vpcflow.verdict.Initiator;
import io.vpcflow.verdict.Verdict;
import io.vpcflow.verdict.VerdictReason;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A row as bytes, every member in a fixed order: what carries it from one task of a job to another and into its
 * state. Read back, a repeated text is one String again and a repeated address one object (from caches, as a
 * reader makes them), so what comes after (map lookups, the writers' dictionaries) finds them by identity, hashes
 * already computed; the peer is the record's own source or destination object again. Not thread-safe: one per
 * serializer.
 *
 * <p>Text: a varint of its UTF-8 length + 1 (0: null), then the bytes. Enums: their ordinal + 1 (0: null) in a byte.
 * Addresses: as {@link IpAddress#writeTo} writes them (a 0 byte: null). Arrays: a varint of the length + 1 (0: null).
 */
public final class FlowRowBinary {
    private static final Action[] ACTIONS = Action.values();
    private static final LogStatus[] LOG_STATUSES = LogStatus.values();
    private static final OwnerKind[] OWNER_KINDS = OwnerKind.values();
    private static final Direction[] DIRECTIONS = Direction.values();
    private static final Initiator[] INITIATORS = Initiator.values();
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final VerdictReason[] VERDICT_REASONS = VerdictReason.values();

    /** Where the peer is: no peer, the source address, the destination address, or an address of its own. */
    private static final int PEER_NONE = 0;

    private static final int PEER_SOURCE = 1;
    private static final int PEER_DESTINATION = 2;
    private static final int PEER_OWN = 3;

    private final TextCache texts = new TextCache(4096);
    private final AddressCache addresses = new AddressCache();
    private byte[] scratch = new byte[256];
    // Texts too long for the cache (a file's name): the last one, which the rows of a batch share.
    private byte[] lastLong = new byte[0];
    private String lastLongText;

    /** Writes every member of {@code r}. */
    public static void write(FlowRow r, DataOutput out) throws IOException {
        text(out, r.source);
        out.writeLong(r.lineNumber);
        out.writeInt(r.version);
        text(out, r.accountId);
        text(out, r.interfaceId);
        address(out, r.srcaddr);
        address(out, r.dstaddr);
        out.writeInt(r.srcport);
        out.writeInt(r.dstport);
        out.writeInt(r.protocol);
        out.writeLong(r.packets);
        out.writeLong(r.bytes);
        out.writeLong(r.start);
        out.writeLong(r.end);
        code(out, r.action);
        code(out, r.logStatus);
        text(out, r.vpcId);
        text(out, r.subnetId);
        out.writeInt(r.tcpFlags);
        address(out, r.pktSrcaddr);
        address(out, r.pktDstaddr);
        text(out, r.pktSrcAwsService);
        text(out, r.pktDstAwsService);
        text(out, r.flowDirection);
        texts(out, r.otherNames);
        texts(out, r.otherValues);
        if (r.otherNumbers == null) {
            varInt(out, 0);
        } else {
            varInt(out, r.otherNumbers.length + 1);
            for (long n : r.otherNumbers) {
                out.writeLong(n);
            }
        }
        text(out, r.eniVpcId);
        text(out, r.eniSubnetId);
        address(out, r.eniPublicIp);
        code(out, r.eniOwnerKind);
        text(out, r.eniOwnerId);
        text(out, r.eniOwnerName);
        texts(out, r.lambdaFunctions);
        if (r.peerAddr == null) {
            out.writeByte(PEER_NONE);
        } else if (r.peerAddr == r.srcaddr) {
            out.writeByte(PEER_SOURCE);
        } else if (r.peerAddr == r.dstaddr) {
            out.writeByte(PEER_DESTINATION);
        } else {
            out.writeByte(PEER_OWN);
            address(out, r.peerAddr);
        }
        code(out, r.peerOwnerKind);
        text(out, r.peerOwnerId);
        code(out, r.direction);
        code(out, r.initiator);
        code(out, r.verdict);
        code(out, r.verdictReason);
        text(out, r.sgId);
        text(out, r.sgRuleId);
        out.writeLong(r.inventoryVersion);
    }

    /** A new row of what {@link #write} wrote. */
    public FlowRow read(DataInput in) throws IOException {
        FlowRow r = new FlowRow();
        r.source = text(in);
        r.lineNumber = in.readLong();
        r.version = in.readInt();
        r.accountId = text(in);
        r.interfaceId = text(in);
        r.srcaddr = address(in);
        r.dstaddr = address(in);
        r.srcport = in.readInt();
        r.dstport = in.readInt();
        r.protocol = in.readInt();
        r.packets = in.readLong();
        r.bytes = in.readLong();
        r.start = in.readLong();
        r.end = in.readLong();
        r.action = code(in, ACTIONS);
        r.logStatus = code(in, LOG_STATUSES);
        r.vpcId = text(in);
        r.subnetId = text(in);
        r.tcpFlags = in.readInt();
        r.pktSrcaddr = address(in);
        r.pktDstaddr = address(in);
        r.pktSrcAwsService = text(in);
        r.pktDstAwsService = text(in);
        r.flowDirection = text(in);
        r.otherNames = texts(in);
        r.otherValues = texts(in);
        int numbers = varInt(in);
        if (numbers > 0) {
            r.otherNumbers = new long[numbers - 1];
            for (int i = 0; i < r.otherNumbers.length; i++) {
                r.otherNumbers[i] = in.readLong();
            }
        }
        r.eniVpcId = text(in);
        r.eniSubnetId = text(in);
        r.eniPublicIp = address(in);
        r.eniOwnerKind = code(in, OWNER_KINDS);
        r.eniOwnerId = text(in);
        r.eniOwnerName = text(in);
        r.lambdaFunctions = texts(in);
        int peer = in.readByte();
        r.peerAddr = switch (peer) {
            case PEER_NONE -> null;
            case PEER_SOURCE -> r.srcaddr;
            case PEER_DESTINATION -> r.dstaddr;
            case PEER_OWN -> address(in);
            default -> throw new IOException("not a place of the peer address: " + peer);
        };
        r.peerOwnerKind = code(in, OWNER_KINDS);
        r.peerOwnerId = text(in);
        r.direction = code(in, DIRECTIONS);
        r.initiator = code(in, INITIATORS);
        r.verdict = code(in, VERDICTS);
        r.verdictReason = code(in, VERDICT_REASONS);
        r.sgId = text(in);
        r.sgRuleId = text(in);
        r.inventoryVersion = in.readLong();
        return r;
    }

    private static void text(DataOutput out, String s) throws IOException {
        if (s == null) {
            varInt(out, 0);
            return;
        }
        if (isAscii(s)) {
            // Its UTF-8 bytes are its chars: written as they are, with no array made for them (ids, names). Not by
            // writeBytes: Flink's DataOutputSerializer moves its position twice for each char of it.
            varInt(out, s.length() + 1);
            for (int i = 0; i < s.length(); i++) {
                out.writeByte(s.charAt(i));
            }
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varInt(out, b.length + 1);
        out.write(b);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private String text(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) {
            return null;
        }
        int len = n - 1;
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        in.readFully(scratch, 0, len);
        if (len <= 64) {
            return texts.get(scratch, 0, len);
        }
        if (!Arrays.equals(lastLong, 0, lastLong.length, scratch, 0, len)) {
            lastLong = Arrays.copyOf(scratch, len);
            lastLongText = new String(scratch, 0, len, StandardCharsets.UTF_8);
        }
        return lastLongText;
    }

    private static void texts(DataOutput out, String[] a) throws IOException {
        if (a == null) {
            varInt(out, 0);
            return;
        }
        varInt(out, a.length + 1);
        for (String s : a) {
            text(out, s);
        }
    }

    private String[] texts(DataInput in) throws IOException {
        int n = varInt(in);
        if (n == 0) {
            return null;
        }
        String[] a = new String[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = text(in);
        }
        return a;
    }

    private static void address(DataOutput out, IpAddress a) throws IOException {
        if (a == null) {
            out.writeByte(0);
        } else {
            a.writeTo(out);
        }
    }

    private IpAddress address(DataInput in) throws IOException {
        int family = in.readByte();
        return family == 0 ? null : IpAddress.readFrom(family, in, addresses);
    }

    private static void code(DataOutput out, Enum<?> e) throws IOException {
        out.writeByte(e == null ? 0 : e.ordinal() + 1);
    }

    private static <E> E code(DataInput in, E[] values) throws IOException {
        int c = in.readUnsignedByte();
        if (c > values.length) {
            throw new IOException(
                    "not a code of " + values.getClass().getComponentType().getSimpleName() + ": " + c);
        }
        return c == 0 ? null : values[c - 1];
    }

    private static void varInt(DataOutput out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int varInt(DataInput in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if (b < 0x80) {
                if (v < 0) {
                    throw new IOException("a length past what a row holds: " + Integer.toUnsignedString(v));
                }
                return v;
            }
        }
        throw new IOException("a length longer than five bytes");
    }
}

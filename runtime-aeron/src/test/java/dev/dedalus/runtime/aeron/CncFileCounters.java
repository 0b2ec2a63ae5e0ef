package dev.dedalus.runtime.aeron;

import io.aeron.CncFileDescriptor;
import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

/**
 * Reads the Dedalus counters of a media driver's CnC file from outside the cluster, the way Aeron's
 * {@code AeronStat} does (which is not on this project's class path): map {@code cnc.dat}, check its
 * version, wrap the counters' metadata and values buffers in a {@link CountersReader} and walk the
 * allocated counters.
 */
final class CncFileCounters {
  /** One allocated counter of type {@link CncCounters#TYPE_ID}. */
  record Entry(int counterId, long registrationId, long location, int counterOrdinal, long value) {}

  private CncFileCounters() {}

  /** The Dedalus counters now allocated in {@code aeronDirectory}'s CnC file, by label. */
  static Map<String, Entry> read(String aeronDirectory) {
    MappedByteBuffer cnc = IoUtil.mapExistingFile(new File(aeronDirectory, CncFileDescriptor.CNC_FILE), "cnc");
    try {
      DirectBuffer meta = CncFileDescriptor.createMetaDataBuffer(cnc);
      CncFileDescriptor.checkVersion(meta.getInt(CncFileDescriptor.cncVersionOffset(0)));
      CountersReader reader = new CountersReader(
          CncFileDescriptor.createCountersMetaDataBuffer(cnc, meta),
          CncFileDescriptor.createCountersValuesBuffer(cnc, meta),
          StandardCharsets.US_ASCII);
      Map<String, Entry> entries = new LinkedHashMap<>();
      reader.forEach((CountersReader.MetaData) (counterId, typeId, key, label) -> {
        if (typeId == CncCounters.TYPE_ID) {
          entries.put(label, new Entry(counterId, reader.getCounterRegistrationId(counterId),
              key.getLong(CncCounters.KEY_LOCATION_OFFSET), key.getInt(CncCounters.KEY_COUNTER_OFFSET),
              reader.getCounterValue(counterId)));
        }
      });
      return entries;
    } finally {
      IoUtil.unmap(cnc);
    }
  }
}

package dev.pulseboard.processing.records;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own serializer checks on the events a second partial carries from the pre-aggregation to the rollup function. */
class SecondValuesSerializerTest extends SerializerTestBase<SecondValues> {
    SecondValuesSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (should, is) -> should instanceof SecondValues && is instanceof SecondValues,
                (should, is, checker) -> sameValues((SecondValues) should, (SecondValues) is)));
    }

    private static boolean sameValues(SecondValues should, SecondValues is) {
        if (should.occurrences() != is.occurrences() || should.valueCount() != is.valueCount()) {
            return false;
        }
        for (int i = 0; i < should.valueCount(); i++) {
            if (Double.compare(should.value(i), is.value(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected TypeSerializer<SecondValues> createSerializer() {
        return new SecondValuesSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SecondValues> getTypeClass() {
        return SecondValues.class;
    }

    @Override
    protected SecondValues[] getTestData() {
        SecondValues values = new SecondValues();
        for (int i = 1; i <= 500; i++) {
            values.add(new MetricEvent("s", 0, true, i * 1.5, 0));
        }
        SecondValues mixed = new SecondValues();
        mixed.add(new MetricEvent("s", 0, false, 0, 0));
        mixed.add(new MetricEvent("s", 0, true, -0.0, 0));
        mixed.add(new MetricEvent("s", 0, true, Double.MAX_VALUE, 0));
        SecondValues occurrences = new SecondValues();
        occurrences.add(new MetricEvent("s", 0, false, 0, 0));
        return new SecondValues[] {values, mixed, occurrences, new SecondValues()};
    }
}

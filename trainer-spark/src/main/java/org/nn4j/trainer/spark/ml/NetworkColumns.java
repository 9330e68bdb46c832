package org.nn4j.trainer.spark.ml;

import java.util.Arrays;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a data set's columns against a stage's column parameters, with messages that name
 * the stage, the parameter and the column, and appends the output columns.
 */
final class NetworkColumns {

    private NetworkColumns() {
    }

    /**
     * Checks the features column: present, a vector, and, when its metadata tells the width
     * (as VectorAssembler's and StandardScaler's do), {@code width} wide.
     *
     * @param width the model's input size, or -1 before fitting
     * @return the width the metadata tells, or -1
     */
    static int checkFeatures(String stage, StructType schema, String featuresCol, int width) {
        StructField field = field(stage, schema, "featuresCol", featuresCol);
        if (!field.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                    + "' must hold vectors (org.apache.spark.ml.linalg.Vector, as VectorAssembler"
                    + " makes), but its type is " + field.dataType().simpleString());
        }
        int known = AttributeGroup.fromStructField(field).size();
        if (width > 0 && known > 0 && known != width) {
            throw wrongWidth(stage, featuresCol, known, width);
        }
        return known;
    }

    static IllegalArgumentException wrongWidth(String stage, String featuresCol, int got,
                                               int width) {
        return new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                + "' holds vectors of " + got + " values, but the model was trained on "
                + width + " features");
    }

    /** Checks the label column: present and numeric. */
    static void checkLabel(String stage, StructType schema, String labelCol, boolean classes) {
        StructField field = field(stage, schema, "labelCol", labelCol);
        if (!(field.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException(stage + ": labelCol '" + labelCol + "' must be"
                    + " numeric, but its type is " + field.dataType().simpleString()
                    + (classes ? "; index the classes first (StringIndexer turns names into"
                    + " indices 0, 1, 2, ...)" : ""));
        }
    }

    /**
     * Appends a vector column, unless its name is empty (Spark's way of turning an output
     * off).
     */
    static StructType appendVector(String stage, StructType schema, String param, String name) {
        return name.isEmpty() ? schema : schema.add(new StructField(fresh(stage, schema, param,
                name), SQLDataTypes.VectorType(), true, org.apache.spark.sql.types.Metadata.empty()));
    }

    /** Appends a double column, unless its name is empty. */
    static StructType appendDouble(String stage, StructType schema, String param, String name) {
        return name.isEmpty() ? schema : schema.add(new StructField(fresh(stage, schema, param,
                name), DataTypes.DoubleType, true, org.apache.spark.sql.types.Metadata.empty()));
    }

    private static String fresh(String stage, StructType schema, String param, String name) {
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(stage + ": " + param + " '" + name + "' is already"
                    + " a column of the data set; choose another name");
        }
        return name;
    }

    private static StructField field(String stage, StructType schema, String param,
                                     String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(stage + ": " + param + " '" + name + "' is not a"
                    + " column of the data set; its columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(name);
    }
}

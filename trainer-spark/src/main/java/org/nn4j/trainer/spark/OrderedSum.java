package org.nn4j.trainer.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Sums the partitions' partial sums in the order of the partitions, whatever order their
 * tasks finish in: the replacement for {@code treeAggregate} that makes a Spark job's result,
 * bit for bit, a function of the data and the parameters alone.
 *
 * <p>{@code treeAggregate} (like {@code fold} and {@code reduce}) adds the partial sums on the
 * driver as the tasks finish. Floating-point addition is not associative, so with three
 * partitions or more the sum, and so the step, depends on which task finished first: a task
 * that failed and ran again, a slow executor, or just timing change the last bits of the
 * weights (seen with four partitions and failed tasks: 2e-16 apart after 40 steps,
 * {@code FaultInjectionTest}). Here each partition folds its blocks in their order, and the
 * partial sums are added in partition order: on the driver ({@code collect} keeps the
 * partitions' order), or, when there are many partitions, first in groups on the executors,
 * each group sorted by partition before it is added.
 *
 * <p>It moves what {@code treeAggregate} moves: one partial sum per partition, and the same
 * grouping rule (Spark's: while there are more than {@code scale + ⌈K/scale⌉} partial sums,
 * with {@code scale = max(⌈K^(1/depth)⌉, 2)}, group them by {@code partition % (K/scale)}).
 */
final class OrderedSum {

    private OrderedSum() {
    }

    /**
     * The sum over every partition of {@code seqOp} folded over its blocks from the empty
     * array, added with {@link VectorSum} in partition order.
     *
     * @param data  the blocks
     * @param seqOp adds a block to a partial sum; the empty array is the zero
     * @param depth the tree's depth, at least 1
     * @return the sum; the empty array when there is no partition
     */
    static double[] of(JavaRDD<DataBlock> data, Function2<double[], DataBlock, double[]> seqOp,
                       int depth) {
        JavaRDD<double[]> partials = data.mapPartitions(new Fold(seqOp), true);
        int count = partials.getNumPartitions();
        int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / depth)), 2);
        JavaPairRDD<Integer, double[]> indexed = null;
        while (count > scale + (int) Math.ceil((double) count / scale)) {
            count /= scale;
            JavaPairRDD<Integer, Tuple2<Integer, double[]>> keyed = indexed == null
                    ? JavaPairRDD.fromJavaRDD(partials.mapPartitionsWithIndex(new Key(count),
                            true))
                    : indexed.mapToPair(new Rekey(count));
            indexed = keyed.groupByKey(count).mapValues(new SumSorted());
        }
        List<double[]> sums = new ArrayList<>();
        if (indexed == null) {
            sums.addAll(partials.collect());
        } else {
            List<Tuple2<Integer, double[]>> groups = new ArrayList<>(indexed.collect());
            groups.sort((a, b) -> Integer.compare(a._1(), b._1()));
            groups.forEach(g -> sums.add(g._2()));
        }
        double[] total = new double[0];
        VectorSum add = new VectorSum();
        for (double[] s : sums) {
            total = add.call(total, s);
        }
        return total;
    }

    /** One partition's partial sum: its blocks folded in order from the empty array. */
    private static final class Fold implements FlatMapFunction<Iterator<DataBlock>, double[]> {
        private static final long serialVersionUID = 1L;
        private final Function2<double[], DataBlock, double[]> seqOp;

        Fold(Function2<double[], DataBlock, double[]> seqOp) {
            this.seqOp = seqOp;
        }

        @Override
        public Iterator<double[]> call(Iterator<DataBlock> blocks) throws Exception {
            double[] sum = new double[0];
            while (blocks.hasNext()) {
                sum = seqOp.call(sum, blocks.next());
            }
            return List.of(sum).iterator();
        }
    }

    /** Tags a partition's partial sum with its group and its partition. */
    private static final class Key implements Function2<Integer, Iterator<double[]>,
            Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>>> {
        private static final long serialVersionUID = 1L;
        private final int groups;

        Key(int groups) {
            this.groups = groups;
        }

        @Override
        public Iterator<Tuple2<Integer, Tuple2<Integer, double[]>>> call(Integer partition,
                                                                          Iterator<double[]> sums) {
            List<Tuple2<Integer, Tuple2<Integer, double[]>>> out = new ArrayList<>();
            sums.forEachRemaining(s -> out.add(new Tuple2<>(partition % groups,
                    new Tuple2<>(partition, s))));
            return out.iterator();
        }
    }

    /** Tags a group's sum, for the next level, with its new group and itself as the order. */
    private static final class Rekey implements org.apache.spark.api.java.function.PairFunction<
            Tuple2<Integer, double[]>, Integer, Tuple2<Integer, double[]>> {
        private static final long serialVersionUID = 1L;
        private final int groups;

        Rekey(int groups) {
            this.groups = groups;
        }

        @Override
        public Tuple2<Integer, Tuple2<Integer, double[]>> call(Tuple2<Integer, double[]> group) {
            return new Tuple2<>(group._1() % groups, group);
        }
    }

    /** Adds a group's partial sums in the order of their partitions. */
    private static final class SumSorted implements
            Function<Iterable<Tuple2<Integer, double[]>>, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] call(Iterable<Tuple2<Integer, double[]>> group) {
            List<Tuple2<Integer, double[]>> sorted = new ArrayList<>();
            group.forEach(sorted::add);
            sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
            double[] sum = new double[0];
            VectorSum add = new VectorSum();
            for (Tuple2<Integer, double[]> s : sorted) {
                sum = add.call(sum, s._2());
            }
            return sum;
        }
    }
}

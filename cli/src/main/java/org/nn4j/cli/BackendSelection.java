package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nn4j.api.BackendChoice;
import org.nn4j.api.Backends;

/**
 * The backend of a command that builds a network: the one {@code --backend} (or
 * {@code nn4j.backend}, {@code NN4J_BACKEND}) names, else the one the api's workload rule
 * chooses for the network's size ({@link org.nn4j.api.BackendRegistry#selectFor}), with the
 * reason, which the commands print and put in {@code --json} as {@code backend_basis} and
 * {@code backend_reason}.
 */
final class BackendSelection {

    private BackendSelection() {
    }

    /**
     * Multiply-adds of one forward pass of a batch through dense layers of these widths:
     * {@code batch · Σ_k widths[k−1]·widths[k]}.
     *
     * @param widths the input size, the hidden sizes and the output size
     * @param batch  rows per batch
     * @return the multiply-adds
     */
    static long multiplyAdds(List<Integer> widths, int batch) {
        long perRow = 0;
        for (int k = 1; k < widths.size(); k++) {
            perRow += (long) widths.get(k - 1) * widths.get(k);
        }
        return perRow * batch;
    }

    /**
     * Chooses the backend for a network.
     *
     * @param option the {@code --backend} value, or null
     * @param widths the input size, the hidden sizes and the output size
     * @param batch  rows per batch
     * @return the choice; a backend named by {@code --backend} says so
     */
    static BackendChoice choose(String option, List<Integer> widths, int batch) {
        return choose(option, multiplyAdds(widths, batch));
    }

    /**
     * Chooses the backend for a network of a given cost.
     *
     * @param option       the {@code --backend} value, or null
     * @param multiplyAdds the multiply-adds of one training batch's forward pass
     * @return the choice
     */
    static BackendChoice choose(String option, long multiplyAdds) {
        BackendChoice choice = Backends.forWork(Checks.backend(option), multiplyAdds);
        if (option != null && choice.basis() == BackendChoice.Basis.NAMED) {
            return new BackendChoice(choice.backend(), choice.basis(), "named by --backend");
        }
        return choice;
    }

    /**
     * Puts {@code backend_basis} ({@code named}, {@code large-work} or {@code priority}) and
     * {@code backend_reason} (a sentence) into a command's JSON.
     *
     * @param o      the JSON object
     * @param choice the choice
     */
    static void putJson(ObjectNode o, BackendChoice choice) {
        o.put("backend_basis", choice.basis().label());
        o.put("backend_reason", choice.reason());
    }

    /**
     * The line the commands print: {@code Backend nd4j: 30,048,256 multiply-adds per batch,
     * at least 20,000: ... (--backend NAME chooses another)}.
     *
     * @param choice the choice
     * @return the line, without a line break
     */
    static String line(BackendChoice choice) {
        return "Backend " + choice.backend().name() + ": " + choice.reason()
                + (choice.basis() == BackendChoice.Basis.NAMED ? ""
                : " (--backend NAME chooses another; nn4j backends lists them)");
    }
}

# fread.R — the data.table::fread comparison in the engagestat benchmark.
# R 4.2.2, data.table 1.14.8.  Run: Rscript scripts/bench/fread.R FILE [THREADS]
#   THREADS: data.table threads (default: data.table's own default, getDTthreads()).
# Prints one line: "rows=N threads=T fread_seconds=S" (S is fread alone, without the
# R start-up and package load that the wall time around Rscript includes).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript fread.R FILE [THREADS]")
suppressPackageStartupMessages(library(data.table))
if (length(args) >= 2) setDTthreads(as.integer(args[2]))
t <- system.time(x <- fread(args[1], showProgress = FALSE))
cat(sprintf("rows=%d threads=%d fread_seconds=%.3f\n", nrow(x), getDTthreads(), t[["elapsed"]]))

args: bands --format csv
--- stdout
preset,band,lower,upper,range
hypeauditor,nano,1000,10000,1k-10k
hypeauditor,micro,10000,50000,10k-50k
hypeauditor,mid,50000,500000,50k-500k
hypeauditor,macro,500000,1000000,500k-1M
hypeauditor,mega,1000000,,1M+
later,micro,10000,100000,10k-100k
later,mid,100000,500000,100k-500k
later,macro,500000,1000000,500k-1M
later,mega,1000000,,1M+
markerly,nano,1000,10000,1k-10k
markerly,micro,10000,100000,10k-100k
markerly,mid,100000,1000000,100k-1M
markerly,macro,1000000,10000000,1M-10M
markerly,mega,10000000,,10M+
seed,nano,1000,5000,1k-5k
seed,micro,5000,50000,5k-50k
seed,mid,50000,500000,50k-500k
seed,macro,500000,1000000,500k-1M
seed,mega,1000000,,1M+

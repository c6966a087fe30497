# The ratio table: micro/mega medians from tests/data/describe-r.csv
# (0.0323250206038 / 0.023167517282 = 1.39527...; R: 0.03232502060382/0.02316751728198).
args: describe tests/data/accounts-r.csv --boot 0 --format csv --table ratio --digits 6
--- stdout
numerator,denominator,n_numerator,n_denominator,estimate,method,ci_low,ci_high,note
micro,mega,25,31,1.39527,bootstrap percentile,,,
micro,mega,25,31,1.39527,bootstrap BCa,,,

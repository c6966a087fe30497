# Without -o the CSV goes to standard output and no truth file is written.
args: simulate --accounts 2 --seed 3
stdout-contains: account_id,platform,niche,followers,post_id,posted_at,likes,comments,sponsored
stdout-contains: a0000002,
stdout-lacks: a0000003,
--- stderr

-- Athena / Glue tables over vpcflow's output (Parquet, Hive-style dt=/hour= partitions).
-- Replace s3://my-flow-tables/vpcflow with the job's `output`. Partition projection: no MSCK REPAIR needed.

CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_flows (
  version int,
  account_id string,
  interface_id string,
  srcaddr string,
  dstaddr string,
  srcport int,
  dstport int,
  protocol int,
  packets bigint,
  bytes bigint,
  start bigint,
  `end` bigint,
  action string,
  log_status string,
  vpc_id string,
  subnet_id string,
  instance_id string,
  tcp_flags int,
  type string,
  pkt_srcaddr string,
  pkt_dstaddr string,
  region string,
  az_id string,
  sublocation_type string,
  sublocation_id string,
  pkt_src_aws_service string,
  pkt_dst_aws_service string,
  flow_direction string,
  traffic_path int,
  resource_type string,
  tgw_id string,
  tgw_attachment_id string,
  tgw_src_vpc_account_id string,
  tgw_dst_vpc_account_id string,
  tgw_src_vpc_id string,
  tgw_dst_vpc_id string,
  tgw_src_subnet_id string,
  tgw_dst_subnet_id string,
  tgw_src_eni string,
  tgw_dst_eni string,
  tgw_src_az_id string,
  tgw_dst_az_id string,
  tgw_pair_attachment_id string,
  packets_lost_no_route bigint,
  packets_lost_blackhole bigint,
  packets_lost_mtu_exceeded bigint,
  packets_lost_ttl_expired bigint,
  ecs_cluster_arn string,
  ecs_cluster_name string,
  ecs_container_instance_arn string,
  ecs_container_instance_id string,
  ecs_container_id string,
  ecs_second_container_id string,
  ecs_service_name string,
  ecs_task_definition_arn string,
  ecs_task_arn string,
  ecs_task_id string,
  reject_reason string,
  resource_id string,
  encryption_status int,
  instance_tag string,
  instance_tag_2 string,
  interface_tag string,
  interface_tag_2 string,
  asg_tag string,
  asg_tag_2 string,
  interface_type string,
  next_hop_interface_id string,
  next_hop_subnet_id string,
  next_hop_az_id string,
  next_hop_vpc_id string,
  next_hop_interface_type string,
  extra_fields map<string,string>,
  source string,
  line_number bigint,
  eni_owner_kind string,
  eni_owner_id string,
  eni_owner_name string,
  lambda_functions array<string>,
  eni_vpc_id string,
  eni_subnet_id string,
  eni_public_ip string,
  peer_addr string,
  peer_owner_kind string,
  peer_owner_id string,
  direction string,
  initiator string,
  verdict string,
  verdict_reason string,
  sg_id string,
  sg_rule_id string
)
PARTITIONED BY (dt string, hour string)
STORED AS PARQUET
LOCATION 's3://my-flow-tables/vpcflow/flows/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2024-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://my-flow-tables/vpcflow/flows/dt=${dt}/hour=${hour}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_verdict_stats (
  window_start bigint,
  window_end bigint,
  account_id string,
  vpc_id string,
  interface_id string,
  eni_owner_kind string,
  eni_owner_id string,
  direction string,
  action string,
  verdict string,
  verdict_reason string,
  sg_id string,
  sg_rule_id string,
  flows bigint,
  packets bigint,
  bytes bigint,
  late boolean
)
PARTITIONED BY (dt string, hour string)
STORED AS PARQUET
LOCATION 's3://my-flow-tables/vpcflow/verdict_stats/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2024-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://my-flow-tables/vpcflow/verdict_stats/dt=${dt}/hour=${hour}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_rule_usage (
  window_start bigint,
  window_end bigint,
  sg_id string,
  sg_rule_id string,
  direction string,
  flows bigint,
  packets bigint,
  bytes bigint,
  distinct_peers bigint,
  late boolean
)
PARTITIONED BY (dt string, hour string)
STORED AS PARQUET
LOCATION 's3://my-flow-tables/vpcflow/rule_usage/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2024-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://my-flow-tables/vpcflow/rule_usage/dt=${dt}/hour=${hour}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_dead_letters (
  source string,
  line_number bigint,
  raw string,
  reason string,
  detail string,
  ingest_time bigint
)
PARTITIONED BY (dt string, hour string)
STORED AS PARQUET
LOCATION 's3://my-flow-tables/vpcflow/dead_letters/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2024-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://my-flow-tables/vpcflow/dead_letters/dt=${dt}/hour=${hour}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_enis (
  snapshot_time bigint,
  interface_id string,
  account_id string,
  region string,
  owner_kind string,
  owner_id string,
  owner_name string,
  lambda_functions array<string>,
  lambda_partial boolean,
  vpc_id string,
  subnet_id string,
  availability_zone string,
  private_addresses array<string>,
  public_ip string,
  security_groups array<string>,
  interface_type string,
  description string
)
PARTITIONED BY (dt string, hour string)
STORED AS PARQUET
LOCATION 's3://my-flow-tables/vpcflow/enis/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2024-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://my-flow-tables/vpcflow/enis/dt=${dt}/hour=${hour}/'
);

CREATE EXTERNAL TABLE IF NOT EXISTS vpcflow_sg_rules (
  snapshot_time bigint,
  sg_id string,
  sg_name string,
  vpc_id string,
  sg_rule_id string,
  direction string,
  protocol string,
  from_port int,
  to_port int,
  cidr_ipv4 string,
  cidr_ipv6 string,
  prefix_list_id string,
  referenced_group_id string,
  description string
)
PARTITIONED BY (dt string, hour string)
STORED AS PARQUET
LOCATION 's3://my-flow-tables/vpcflow/sg_rules/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2024-01-01,NOW',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://my-flow-tables/vpcflow/sg_rules/dt=${dt}/hour=${hour}/'
);

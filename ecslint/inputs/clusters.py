"""The resources around a service (issue 15) in each input form: clusters, capacity providers,
cluster/capacity-provider associations and task sets. The front ends ask this module what
these are called in their form (around-the-service.md §1); the mapping machinery stays theirs.

* ECS API JSON/YAML: create-cluster, create-capacity-provider, put-cluster-capacity-providers
  and create-task-set input (`--cli-input-json`), told apart by the members only each has.
* CloudFormation: `AWS::ECS::Cluster`, `::CapacityProvider`,
  `::ClusterCapacityProviderAssociations`, `::TaskSet`, mapped along the API shapes.
* Terraform (plan and HCL): `aws_ecs_cluster`, `aws_ecs_capacity_provider`,
  `aws_ecs_cluster_capacity_providers`, `aws_ecs_task_set`, mapped by the tables below.
"""

from __future__ import annotations

from ecslint.model import CAPACITY_PROVIDER, CLUSTER, CLUSTER_CAPACITY_PROVIDERS, TASK_SET

# document kind → schema (the API request the kind is written for)
SCHEMAS = {CLUSTER: "create-cluster", CAPACITY_PROVIDER: "create-capacity-provider",
           CLUSTER_CAPACITY_PROVIDERS: "put-cluster-capacity-providers", TASK_SET: "create-task-set"}

# --- ECS API input -------------------------------------------------------------------------

# Members only that request has (create-task-set shares service/cluster/taskDefinition with
# update-service input, so only externalId and scale tell it apart).
_TASK_SET_KEYS = frozenset({"externalId", "scale"})
_CLUSTER_KEYS = frozenset({"clusterName", "settings", "configuration", "serviceConnectDefaults"})
_PROVIDER_KEYS = frozenset({"autoScalingGroupProvider", "managedInstancesProvider"})


def api_kind(value: dict) -> str | None:
    """The kind of an ECS API request document, or None when it is none of these."""
    keys = value.keys()
    if "containerDefinitions" in keys or "serviceName" in keys:
        return None
    if keys & _TASK_SET_KEYS and "service" in keys:
        return TASK_SET
    if keys & _PROVIDER_KEYS:
        return CAPACITY_PROVIDER
    if keys & _CLUSTER_KEYS and not keys & {"service", "taskDefinition"}:
        return CLUSTER
    if "capacityProviders" in keys and not keys & {"service", "taskDefinition", "desiredCount"}:
        return CLUSTER_CAPACITY_PROVIDERS if "cluster" in keys else CLUSTER
    return None


def label(kind: str, data: dict, fallback: str) -> str:
    """'cluster "prod"' from the name the API form carries, else the fallback (a logical id
    or a Terraform address)."""
    key = {CLUSTER: "clusterName", CAPACITY_PROVIDER: "name", CLUSTER_CAPACITY_PROVIDERS: "cluster",
           TASK_SET: "externalId"}[kind]
    noun = {CLUSTER: "cluster", CAPACITY_PROVIDER: "capacity provider",
            CLUSTER_CAPACITY_PROVIDERS: "capacity providers of cluster", TASK_SET: "task set"}[kind]
    name = data.get(key) if isinstance(data, dict) else None
    if isinstance(name, str) and name:
        return f'{noun} "{name}"'
    return f"{noun} {fallback}".rstrip()


# --- CloudFormation ------------------------------------------------------------------------

CFN_TYPES = {"AWS::ECS::Cluster": CLUSTER, "AWS::ECS::CapacityProvider": CAPACITY_PROVIDER,
             "AWS::ECS::ClusterCapacityProviderAssociations": CLUSTER_CAPACITY_PROVIDERS,
             "AWS::ECS::TaskSet": TASK_SET}
# CloudFormation names no case-insensitive match finds (property → API member).
CFN_RENAMES = {"ClusterSettings": "settings", "ClusterName": "cluster"}  # ClusterName: of a capacity provider
# API members CloudFormation supplies itself (a generated name) or makes optional.
CFN_NOT_REQUIRED = {CAPACITY_PROVIDER: frozenset({"name"}),
                    CLUSTER_CAPACITY_PROVIDERS: frozenset({"capacityProviders"})}

# --- Terraform -----------------------------------------------------------------------------

TF_TYPES = {"aws_ecs_cluster": CLUSTER, "aws_ecs_capacity_provider": CAPACITY_PROVIDER,
            "aws_ecs_cluster_capacity_providers": CLUSTER_CAPACITY_PROVIDERS, "aws_ecs_task_set": TASK_SET}

# Table entries as in terraform_plan: tf name → (api name, how, sub-table).
_STRATEGY = ("bs", {"capacity_provider": ("capacityProvider", "v", None), "weight": ("weight", "v", None),
                    "base": ("base", "v", None)})
_CLUSTER = {
    "name": ("clusterName", "v", None),
    "setting": ("settings", "bs", {"name": ("name", "v", None), "value": ("value", "v", None)}),
    "configuration": ("configuration", "b1", {
        "execute_command_configuration": ("executeCommandConfiguration", "b1", {
            "kms_key_id": ("kmsKeyId", "v", None), "logging": ("logging", "v", None),
            "log_configuration": ("logConfiguration", "b1", {
                "cloud_watch_encryption_enabled": ("cloudWatchEncryptionEnabled", "v", None),
                "cloud_watch_log_group_name": ("cloudWatchLogGroupName", "v", None),
                "s3_bucket_name": ("s3BucketName", "v", None),
                "s3_bucket_encryption_enabled": ("s3EncryptionEnabled", "v", None),
                "s3_key_prefix": ("s3KeyPrefix", "v", None)})}),
        "managed_storage_configuration": ("managedStorageConfiguration", "b1", {
            "kms_key_id": ("kmsKeyId", "v", None),
            "fargate_ephemeral_storage_kms_key_id": ("fargateEphemeralStorageKmsKeyId", "v", None)})}),
    "service_connect_defaults": ("serviceConnectDefaults", "b1", {"namespace": ("namespace", "v", None)}),
    # older provider versions: in-line (the docs say not to combine them with the association)
    "capacity_providers": ("capacityProviders", "v", None),
    "default_capacity_provider_strategy": ("defaultCapacityProviderStrategy",) + _STRATEGY,
}
_CAPACITY_PROVIDER = {
    "name": ("name", "v", None), "cluster": ("cluster", "v", None),
    "auto_scaling_group_provider": ("autoScalingGroupProvider", "b1", {
        "auto_scaling_group_arn": ("autoScalingGroupArn", "v", None),
        "managed_draining": ("managedDraining", "v", None),
        "managed_termination_protection": ("managedTerminationProtection", "v", None),
        "managed_scaling": ("managedScaling", "b1", {
            "instance_warmup_period": ("instanceWarmupPeriod", "v", None),
            "maximum_scaling_step_size": ("maximumScalingStepSize", "v", None),
            "minimum_scaling_step_size": ("minimumScalingStepSize", "v", None),
            "status": ("status", "v", None), "target_capacity": ("targetCapacity", "v", None)})}),
}
_ASSOCIATIONS = {
    "cluster_name": ("cluster", "v", None), "capacity_providers": ("capacityProviders", "v", None),
    "default_capacity_provider_strategy": ("defaultCapacityProviderStrategy",) + _STRATEGY,
}
_TASK_SET = {
    "service": ("service", "v", None), "cluster": ("cluster", "v", None),
    "task_definition": ("taskDefinition", "v", None), "external_id": ("externalId", "v", None),
    "launch_type": ("launchType", "v", None), "platform_version": ("platformVersion", "v", None),
    "capacity_provider_strategy": ("capacityProviderStrategy",) + _STRATEGY,
    "load_balancer": ("loadBalancers", "bs", {
        "target_group_arn": ("targetGroupArn", "v", None), "load_balancer_name": ("loadBalancerName", "v", None),
        "container_name": ("containerName", "v", None), "container_port": ("containerPort", "v", None)}),
    "service_registries": ("serviceRegistries", "bs", {
        "registry_arn": ("registryArn", "v", None), "port": ("port", "v", None),
        "container_name": ("containerName", "v", None), "container_port": ("containerPort", "v", None)}),
    "scale": ("scale", "b1", {"unit": ("unit", "v", None), "value": ("value", "v", None)}),
}
TF_TABLES: dict[str, dict] = {CLUSTER: _CLUSTER, CAPACITY_PROVIDER: _CAPACITY_PROVIDER, CLUSTER_CAPACITY_PROVIDERS: _ASSOCIATIONS,
             TASK_SET: _TASK_SET}
# Kinds whose Terraform resource has a network_configuration block (mapped as a service's is).
TF_NETWORK = frozenset({TASK_SET})
# Kinds whose API request takes tags (the association does not).
TAGGED = frozenset({CLUSTER, CAPACITY_PROVIDER, TASK_SET})

package io.vpcflow.ownership;

import static io.vpcflow.inventory.Enis.eni;
import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.inventory.LambdaFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EniClassifierTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // what | InterfaceType | Description | RequesterId | instance | kind | owner id | name
                "EC2 instance | interface | | null | i-0abc | ec2_instance | i-0abc | i-0abc",
                "NAT gateway, SDK spelling | natGateway | Interface for NAT Gateway nat-0123456789abcdef0 | null | null | nat_gateway | nat-0123456789abcdef0 | nat-0123456789abcdef0",
                "NAT gateway, wire spelling | nat_gateway | Interface for NAT Gateway nat-0aa | null | null | nat_gateway | nat-0aa | nat-0aa",
                "ALB | interface | ELB app/web/50dc6c495c0c9188 | amazon-elb | null | alb | app/web/50dc6c495c0c9188 | web",
                "NLB | network_load_balancer | ELB net/ingest/0123abcd | amazon-elb | null | nlb | net/ingest/0123abcd | ingest",
                "GWLB | gateway_load_balancer | ELB gwy/fw/0123abcd | amazon-elb | null | gwlb | gwy/fw/0123abcd | fw",
                "classic ELB | interface | ELB legacy-web | amazon-elb | null | clb | legacy-web | legacy-web",
                "GWLB endpoint | gateway_load_balancer_endpoint | VPC Endpoint Interface vpce-0fw | null | null | gwlb_endpoint | vpce-0fw | vpce-0fw",
                "interface endpoint typed | vpc_endpoint | VPC Endpoint Interface vpce-0123 | 123 | null | vpc_endpoint | vpce-0123 | vpce-0123",
                "interface endpoint untyped | interface | VPC Endpoint Interface vpce-0456 | 123 | null | vpc_endpoint | vpce-0456 | vpce-0456",
                "EFS mount target | interface | EFS mount target for fs-0123 (fsmt-0456) | 123 | null | efs | fs-0123 | fs-0123",
                "RDS by description | interface | RDSNetworkInterface | amazon-rds | null | rds | eni-x | eni-x",
                "Redshift | interface | RedshiftNetworkInterface | 123 | null | redshift | eni-x | eni-x",
                "ElastiCache | interface | ElastiCache sessions-001 | amazon-elasticache | null | elasticache | sessions-001 | sessions-001",
                "ECS task | interface | arn:aws:ecs:us-east-1:123456789012:attachment/0b7c7a2e-1f2d-4a1b-9e7a-3c1f2d4a1b9e | 578734482556 | null | ecs_task | arn:aws:ecs:us-east-1:123456789012:attachment/0b7c7a2e-1f2d-4a1b-9e7a-3c1f2d4a1b9e | attachment/0b7c7a2e",
                "EKS control plane | interface | Amazon EKS prod | 123 | null | eks_control_plane | prod | prod",
                "EKS CNI secondary ENI | interface | aws-K8S-i-0abc | null | i-0abc | eks_node | i-0abc | i-0abc",
                "EKS trunk | trunk | aws-k8s-trunk-eni | 895095153028 | i-0def | eks_node | i-0def | i-0def",
                "EKS branch (pod) | branch | aws-k8s-branch-eni | 895095153028 | null | eks_pod | eni-x | eni-x",
                "TGW attachment | transit_gateway | Network Interface for Transit Gateway Attachment tgw-attach-0123 | 123 | null | transit_gateway | tgw-attach-0123 | tgw-attach-0123",
                "API Gateway VPC link | api_gateway_managed | ENI managed by APIGateway | 123 | null | api_gateway | eni-x | ENI managed by APIGateway",
                "Directory Service | interface | AWS created network interface for directory d-9067 | 123 | null | directory_service | d-9067 | d-9067",
                "Route 53 Resolver | interface | Route 53 Resolver: rslvr-in-0123:rni-0456 | 123 | null | route53_resolver | rslvr-in-0123 | rslvr-in-0123",
                "Global Accelerator | global_accelerator_managed | | 123 | null | global_accelerator | eni-x | ''",
                "unattached | interface | spare | null | null | unattached | eni-x | eni-x",
                "a type AWS adds tomorrow | quantum_link | Quantum thing | 123 | null | unknown | eni-x | Quantum thing",
            })
    void classifiesByTypeDescriptionRequesterAndAttachment(
            String what,
            String type,
            String description,
            String requester,
            String instance,
            String kind,
            String id,
            String name) {
        Owner o = new EniClassifier(List.of(), Map.of())
                .classify(eni(
                        "eni-x",
                        type,
                        description == null ? "" : description,
                        requester,
                        instance,
                        "subnet-1",
                        List.of("sg-1")));
        assertThat(o.kind().code()).as(what).isEqualTo(kind);
        assertThat(o.id()).as(what).isEqualTo(id);
        assertThat(o.name()).as(what).isEqualTo(name);
    }

    @Test
    void anUnknownOwnerKeepsTheRawTypeAndDescription() {
        Owner o = new EniClassifier(List.of(), Map.of())
                .classify(eni("eni-x", "quantum_link", "Quantum thing", "123", null, "subnet-1", List.of()));
        assertThat(o.interfaceType()).isEqualTo("quantum_link");
        assertThat(o.description()).isEqualTo("Quantum thing");
    }

    @Test
    void aHyperplaneEniResolvesToEveryFunctionWithTheSameSubnetAndExactlyTheSameGroups() {
        List<LambdaFunction> functions = List.of(
                new LambdaFunction(
                        "orders",
                        "arn:orders",
                        "$LATEST",
                        "vpc-1",
                        List.of("subnet-1", "subnet-2"),
                        List.of("sg-b", "sg-a")),
                new LambdaFunction(
                        "invoices", "arn:invoices", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-a", "sg-b")),
                new LambdaFunction(
                        "invoices", "arn:invoices:3", "3", "vpc-1", List.of("subnet-1"), List.of("sg-a", "sg-b")),
                new LambdaFunction(
                        "other-subnet", "arn:x", "$LATEST", "vpc-1", List.of("subnet-9"), List.of("sg-a", "sg-b")),
                new LambdaFunction(
                        "superset", "arn:y", "$LATEST", "vpc-1", List.of("subnet-1"), List.of("sg-a", "sg-b", "sg-c")),
                new LambdaFunction("no-vpc", "arn:z", "$LATEST", null, List.of(), List.of()));
        Owner o = new EniClassifier(functions, Map.of())
                .classify(eni(
                        "eni-l",
                        "lambda",
                        "AWS Lambda VPC ENI-orders",
                        "123",
                        null,
                        "subnet-1",
                        List.of("sg-a", "sg-b")));
        assertThat(o.kind()).isEqualTo(OwnerKind.LAMBDA);
        assertThat(o.functions()).containsExactly("invoices", "invoices:3", "orders");
        assertThat(o.partial()).isFalse();
    }

    @Test
    void withoutLambdaDataTheDescribedFunctionIsAPartialSet() {
        Owner o = new EniClassifier(List.of(), Map.of())
                .classify(eni(
                        "eni-l",
                        "lambda",
                        "AWS Lambda VPC ENI-orders-4f1c0e1a-1b2c-4d5e-8f90-123456789abc",
                        "123",
                        null,
                        "subnet-1",
                        List.of("sg-a")));
        assertThat(o.kind()).isEqualTo(OwnerKind.LAMBDA);
        assertThat(o.functions()).containsExactly("orders");
        assertThat(o.partial()).isTrue();
    }

    @Test
    void aDatabaseInterfaceIsNamedByItsSecurityGroupsNotItsFixedDescription() {
        EniClassifier classifier = new EniClassifier(List.of(), Map.of("sg-db", "orders-db", "sg-ops", "ops"));
        Owner rds = classifier.classify(eni(
                "eni-d",
                "interface",
                "RDSNetworkInterface",
                "amazon-rds",
                null,
                "subnet-1",
                List.of("sg-db", "sg-ops")));
        assertThat(rds.kind()).isEqualTo(OwnerKind.RDS);
        assertThat(rds.id()).isEqualTo("eni-d");
        assertThat(rds.name()).isEqualTo("orders-db,ops");
        Owner unnamed = classifier.classify(
                eni("eni-e", "interface", "RDSNetworkInterface", "amazon-rds", null, "subnet-1", List.of("sg-gone")));
        assertThat(unnamed.name()).isEqualTo("eni-e");
    }
}
